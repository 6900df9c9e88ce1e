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
 * interaction is {@code twilio:<CallSid>} or {@code twilio:<MessageSid>}.
 *
 * <p>A call becomes a fact once it has ended: from the status callback of a final status (completed, busy,
 * no-answer, failed, canceled), at the call's start, its {@code Timestamp} less its {@code CallDuration}, which
 * every redelivery repeats exactly. Callbacks of a call still under way are acknowledged and write nothing. An
 * incoming text has no time of its own: the time it arrived is used, so a redelivery moves it by its delay.
 * Twilio's voice and messaging webhooks expect TwiML: the answer is an empty {@code <Response/>}.
 */
public final class TwilioAdapter implements WebhookAdapter {
    public static final String SOURCE = "twilio";
    /** The answer Twilio expects from a webhook: TwiML that does nothing. */
    public static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    /** A call's final statuses: only then are its time and its end known. */
    private static final java.util.Set<String> FINAL = java.util.Set.of("completed", "busy", "no-answer", "failed",
            "canceled");
    private final String authToken;
    private final ChannelRules rules;

    public TwilioAdapter(String authToken, ChannelRules rules) {
        this.authToken = authToken;
        this.rules = rules;
    }

    @Override
    public java.util.Optional<Acknowledgement> acknowledgement() {
        return java.util.Optional.of(new Acknowledgement("text/xml; charset=utf-8", EMPTY_TWIML));
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
        String occurredAt;
        if (sms) {
            occurredAt = request.received().toString();
        } else {
            String status = first(params, "CallStatus");
            if (status == null || !FINAL.contains(status.toLowerCase(java.util.Locale.ROOT))) {
                return List.of(); // still under way: its time and end are not known yet
            }
            occurredAt = callStart(first(params, "Timestamp"), first(params, "CallDuration"), request);
        }
        String direction = first(params, "Direction");
        // an inbound call or text comes from the customer; an outbound one goes to them
        boolean outbound = direction != null && direction.toLowerCase(java.util.Locale.ROOT).startsWith("outbound");
        String phone = outbound ? first(params, "To", "Called") : first(params, "From", "Caller");
        Payloads.required(phone, "customer number (From, or To for an outbound " + (sms ? "text" : "call") + ")");
        Utm utm = Utm.of(request.query()::get);
        RawInteraction interaction = new RawInteraction(SOURCE + ":" + (sms ? messageSid : callSid), sms ? "sms" : "call",
                occurredAt, rules.channel(utm), utm.campaign(), phone, null, null);
        return List.of(new IngestedFact(InputTopics.INTERACTIONS, interaction.interactionId(), interaction));
    }

    /**
     * When a call that ended began: the final callback's {@code Timestamp} (RFC 2822, UTC) less its
     * {@code CallDuration} in seconds; the time received when the callback has no timestamp.
     */
    private static String callStart(String timestamp, String duration, WebhookRequest request) {
        if (timestamp == null) {
            return request.received().toString();
        }
        java.time.Instant end;
        try {
            end = ZonedDateTime.parse(timestamp, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw WebhookRejected.badRequest("Timestamp is not an RFC 2822 date: " + Payloads.excerpt(timestamp));
        }
        long seconds = 0;
        if (duration != null) {
            try {
                seconds = Long.parseLong(duration);
            } catch (NumberFormatException e) {
                throw WebhookRejected.badRequest("CallDuration is not a number of seconds: " + Payloads.excerpt(duration));
            }
        }
        return end.minusSeconds(seconds).toString();
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
