package io.attributionstreams.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.attributionstreams.contract.InputTopics;
import io.attributionstreams.normalise.RawInteraction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typeform's response webhooks. Header {@code Typeform-Signature}: {@code sha256=} and Base64 of HMAC-SHA256
 * over the raw body, keyed with the webhook's secret. The response's {@code token} is the interaction's id,
 * {@code typeform:<token>}, so a redelivery changes nothing; its time is {@code submitted_at}.
 *
 * <p>Which answers are the email and the phone is configured by field {@code ref} (by default the first
 * answer of type {@code email}, and of type {@code phone_number}); the channel comes from the form's hidden
 * fields, under the names {@link Fields#hidden} maps UTM tags and click ids to, and a hidden field may carry
 * the customer's id.
 */
public final class TypeformAdapter implements WebhookAdapter {
    public static final String SOURCE = "typeform";
    private static final String PREFIX = "sha256=";

    /**
     * @param emailRef the ref of the email question; null for the first email answer
     * @param phoneRef the ref of the phone question; null for the first phone answer
     * @param hidden for each UTM tag and click id ({@code utm_source}, ..., {@code gclid}), the hidden field that
     *     carries it
     * @param customerIdField the hidden field that carries the customer's id, or null (only for links the
     *     business signs or sends to known customers itself)
     */
    public record Fields(String emailRef, String phoneRef, Map<String, String> hidden, String customerIdField) {
        /**
         * No customer id by default: a hidden field is filled from the form's link, which anyone may edit, so
         * taking an id from it lets a visitor tie their phone or email to somebody else's customer.
         */
        public static final Fields DEFAULT = new Fields(null, null, identity(), null);

        public Fields {
            hidden = Map.copyOf(hidden);
        }

        private static Map<String, String> identity() {
            Map<String, String> names = new LinkedHashMap<>();
            for (String name : List.of("utm_source", "utm_medium", "utm_campaign")) {
                names.put(name, name);
            }
            Utm.CLICK_IDS.forEach(id -> names.put(id, id));
            return names;
        }

        /** The defaults with some hidden field names changed ({@code utm_source=src}). */
        public Fields withHidden(Map<String, String> renamed) {
            Map<String, String> names = new LinkedHashMap<>(hidden);
            renamed.forEach((tag, field) -> {
                if (!names.containsKey(tag)) {
                    throw new IllegalArgumentException("'" + tag + "' is not a UTM tag or click id: the hidden fields "
                            + "map " + String.join(", ", names.keySet()));
                }
                names.put(tag, field);
            });
            return new Fields(emailRef, phoneRef, names, customerIdField);
        }
    }

    private final String secret;
    private final Fields fields;
    private final ChannelRules rules;

    public TypeformAdapter(String secret, Fields fields, ChannelRules rules) {
        this.secret = secret;
        this.fields = fields;
        this.rules = rules;
    }

    @Override
    public void authenticate(WebhookRequest request) {
        String expected = PREFIX + Signatures.base64(Signatures.hmacSha256(secret, request.body()));
        if (!Signatures.sameText(expected, request.header("Typeform-Signature"))) {
            throw WebhookRejected.unauthorized(request.header("Typeform-Signature") == null
                    ? "no Typeform-Signature header" : "the Typeform-Signature header does not match the body and the secret");
        }
    }

    @Override
    public List<IngestedFact> facts(WebhookRequest request) {
        JsonNode body = Payloads.object(request.body());
        JsonNode response = body.get("form_response");
        if (response == null || !response.isObject()) {
            throw WebhookRejected.badRequest("no form_response: not a Typeform response webhook");
        }
        String token = Payloads.required(Payloads.text(response, "token"), "form_response.token");
        String submitted = Payloads.required(Payloads.text(response, "submitted_at"), "form_response.submitted_at");
        String email = answer(response, fields.emailRef(), "email");
        String phone = answer(response, fields.phoneRef(), "phone_number");
        JsonNode hidden = response.get("hidden");
        String customerId = fields.customerIdField() == null ? null : Payloads.text(hidden, fields.customerIdField());
        if (email == null && phone == null && customerId == null) {
            throw WebhookRejected.badRequest("no email or phone answer and no customer id: nothing names the customer");
        }
        Utm utm = Utm.of(tag -> {
            String field = fields.hidden().get(tag);
            return field == null ? null : Payloads.text(hidden, field);
        });
        RawInteraction interaction = new RawInteraction(SOURCE + ":" + token, "form", submitted, rules.channel(utm),
                utm.campaign(), phone, email, customerId);
        return List.of(new IngestedFact(InputTopics.INTERACTIONS, interaction.interactionId(), interaction));
    }

    /** The answer to the question with this ref, or the first answer of this type when no ref is configured. */
    private static String answer(JsonNode response, String ref, String type) {
        JsonNode answers = response.get("answers");
        if (answers == null || !answers.isArray()) {
            return null;
        }
        for (JsonNode answer : answers) {
            JsonNode field = answer.get("field");
            boolean wanted = ref == null ? type.equals(Payloads.text(answer, "type"))
                    : ref.equals(Payloads.text(field, "ref")) || ref.equals(Payloads.text(field, "id"));
            if (wanted) {
                String value = Payloads.first(answer, type, "email", "phone_number", "text");
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }
}
