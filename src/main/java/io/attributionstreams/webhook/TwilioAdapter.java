package io.attributionstreams.webhook;

import io.attributionstreams.contract.InputTopics;
import io.attributionstreams.normalise.RawInteraction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's voice and SMS webhooks (form fields). Header {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed
 * with the account's auth token, over the full URL Twilio called followed by each POST parameter's name and
 * value, sorted by name. Like Twilio's own validators, the URL is also tried with its default port added and
 * with its port taken away, which Twilio's back end is inconsistent about.
 *
 * <p>Twilio's payloads carry no UTM tags: a tracking number's channel is given on the webhook URL configured
 * for it ({@code ?utm_source=google&utm_medium=cpc&utm_campaign=spring}), which the signature covers. The
 * interaction is {@code twilio:<CallSid>} or {@code twilio:<MessageSid>}, so a call's status callbacks upsert
 * one fact; its time is the callback's {@code Timestamp}, or the time received for a webhook that has none.
 */
public final class TwilioAdapter implements WebhookAdapter {
    public static final String SOURCE = "twilio";
    private final String authToken;
    private final ChannelRules rules;

    public TwilioAdapter(String authToken, ChannelRules rules) {
        this.authToken = authToken;
        this.rules = rules;
    }

    @Override
    public void authenticate(WebhookRequest request) {
        String sent = request.header("X-Twilio-Signature");
        if (sent == null) {
            throw WebhookRejected.unauthorized("no X-Twilio-Signature header");
        }
        Map<String, List<String>> params = request.form();
        boolean valid = false;
        for (String url : List.of(request.url(), withPort(request.url()), withoutPort(request.url()))) {
            // every candidate is computed and compared, so the time taken does not say which one held
            valid |= Signatures.sameText(signature(url, params), sent);
        }
        if (!valid) {
            throw WebhookRejected.unauthorized("the X-Twilio-Signature header does not match the URL, the parameters "
                    + "and the auth token (is attribution.ingest.public-url the URL Twilio calls?)");
        }
    }

    /** Twilio's signature of a request to {@code url} with these POST parameters. */
    String signature(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.stream().sorted()
                .forEach(value -> data.append(name).append(value)));
        return Signatures.base64(Signatures.hmacSha1(authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String withPort(String url) {
        URI uri = URI.create(url);
        if (uri.getPort() != -1 || uri.getRawAuthority() == null) {
            return url;
        }
        int port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getScheme() + "://" + uri.getRawAuthority() + ":" + port + rest(uri);
    }

    private static String withoutPort(String url) {
        URI uri = URI.create(url);
        if (uri.getPort() == -1) {
            return url;
        }
        String authority = uri.getRawAuthority();
        return uri.getScheme() + "://" + authority.substring(0, authority.lastIndexOf(':')) + rest(uri);
    }

    private static String rest(URI uri) {
        return (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @Override
    public List<IngestedFact> facts(WebhookRequest request) {
        Map<String, List<String>> params = request.form();
        String messageSid = first(params, "MessageSid", "SmsSid", "SmsMessageSid");
        String callSid = first(params, "CallSid");
        if (messageSid == null && callSid == null) {
            throw WebhookRejected.badRequest("neither CallSid nor MessageSid: not a voice or SMS webhook");
        }
        boolean sms = messageSid != null;
        String direction = first(params, "Direction");
        // an inbound call or text comes from the customer; an outbound one goes to them
        boolean outbound = direction != null && direction.toLowerCase(java.util.Locale.ROOT).startsWith("outbound");
        String phone = outbound ? first(params, "To", "Called") : first(params, "From", "Caller");
        Payloads.required(phone, "customer number (From, or To for an outbound " + (sms ? "text" : "call") + ")");
        Utm utm = Utm.of(request.query()::get);
        RawInteraction interaction = new RawInteraction(SOURCE + ":" + (sms ? messageSid : callSid), sms ? "sms" : "call",
                occurredAt(first(params, "Timestamp"), request), rules.channel(utm), utm.campaign(), phone, null, null);
        return List.of(new IngestedFact(InputTopics.INTERACTIONS, interaction.interactionId(), interaction));
    }

    /** A status callback's {@code Timestamp} (RFC 2822, UTC), else when the webhook arrived. */
    private static String occurredAt(String timestamp, WebhookRequest request) {
        if (timestamp == null) {
            return request.received().toString();
        }
        try {
            return ZonedDateTime.parse(timestamp, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw WebhookRejected.badRequest("Timestamp is not an RFC 2822 date: " + Payloads.excerpt(timestamp));
        }
    }

    private static String first(Map<String, List<String>> params, String... names) {
        for (String name : names) {
            List<String> values = params.getOrDefault(name, new ArrayList<>());
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
        }
        return null;
    }
}
