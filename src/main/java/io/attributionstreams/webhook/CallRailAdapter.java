package io.attributionstreams.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.attributionstreams.contract.InputTopics;
import io.attributionstreams.normalise.RawInteraction;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CallRail's webhooks: post-call, call-modified, form-submission and text-message. Each body is signed with
 * the company's signing key: header {@code Signature}, Base64 of HMAC-SHA1 over the raw body. A call and its
 * later modifications share their id, {@code callrail:<id>}, so they upsert one interaction, and a webhook sent
 * twice changes nothing.
 *
 * <p>CallRail's body names no event type, so the kind is read from the fields: {@code form_data} or
 * {@code submitted_at} make a form submission, {@code content} or {@code message_type} a text message, anything
 * else a call. The channel comes from the UTM fields and click ids, then the landing page's query string, then
 * CallRail's own medium and campaign, through the {@link ChannelRules}.
 */
public final class CallRailAdapter implements WebhookAdapter {
    public static final String SOURCE = "callrail";
    /** A site's own form field that names an email or a phone: the word, not a word that contains it ("Hotel"). */
    private static final Pattern EMAIL_FIELD = Pattern.compile("(?i)(.*[^a-z])?e-?mail([^a-z].*)?");
    private static final Pattern PHONE_FIELD = Pattern.compile(
            "(?i)(.*[^a-z])?(phone|telephone|tel|mobile|cell)([^a-z].*)?");
    /** What such a field holds when it is one: an address, or a number of at least 7 digits (not an opt-in box). */
    private static final Pattern EMAIL_VALUE = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern PHONE_VALUE = Pattern.compile("(\\D*\\d){7,}\\D*");

    private final String signingKey;
    private final ChannelRules rules;

    public CallRailAdapter(String signingKey, ChannelRules rules) {
        this.signingKey = signingKey;
        this.rules = rules;
    }

    @Override
    public void authenticate(WebhookRequest request) {
        String expected = Signatures.base64(Signatures.hmacSha1(signingKey, request.body()));
        if (!Signatures.sameText(expected, request.header("Signature"))) {
            throw WebhookRejected.unauthorized(request.header("Signature") == null ? "no Signature header"
                    : "the Signature header does not match the body and the company's signing key");
        }
    }

    @Override
    public List<IngestedFact> facts(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        String id = Payloads.required(Payloads.first(body, "resource_id", "id"), "id (resource_id or id)");
        Utm utm = Utm.of(field -> Payloads.text(body, field))
                .orElse(Utm.ofUrl(Payloads.text(body, "landing_page_url")))
                .orElse(new Utm(null, Payloads.text(body, "medium"), Payloads.text(body, "campaign"), java.util.Map.of()));
        String type;
        String occurredAt;
        String phone;
        String email = null;
        if (body.has("form_data") || body.has("submitted_at")) {
            type = "form";
            occurredAt = Payloads.first(body, "submitted_at", "created_at");
            JsonNode form = body.get("form_data");
            phone = Payloads.first(body, "customer_phone_number");
            phone = phone != null ? phone : Payloads.byName(form, PHONE_FIELD, PHONE_VALUE);
            email = Payloads.first(body, "customer_email");
            email = email != null ? email : Payloads.byName(form, EMAIL_FIELD, EMAIL_VALUE);
        } else if (body.has("content") || body.has("message_type")) {
            type = "sms";
            occurredAt = Payloads.first(body, "timestamp", "created_at");
            // a text the business sent names the customer as its destination; one received, as its source
            boolean sent = "outbound".equalsIgnoreCase(Payloads.text(body, "direction")) || body.hasNonNull("agent");
            phone = sent ? Payloads.text(body, "destination_number") : Payloads.text(body, "source_number");
        } else {
            type = "call";
            occurredAt = Payloads.first(body, "start_time", "created_at");
            phone = Payloads.first(body, "customer_phone_number", "callernum");
        }
        Payloads.required(occurredAt, "time (start_time, submitted_at, timestamp or created_at)");
        if (phone == null && email == null) {
            throw WebhookRejected.badRequest("no customer phone number or email");
        }
        RawInteraction interaction = new RawInteraction(SOURCE + ":" + id, type, occurredAt, rules.channel(utm),
                utm.campaign(), phone, email, null);
        return List.of(new IngestedFact(InputTopics.INTERACTIONS, interaction.interactionId(), interaction));
    }
}
