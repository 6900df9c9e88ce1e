package io.attributionstreams.facts;

/**
 * The one spelling of an identifier used everywhere (identity index, state store keys, topics).
 * A prefix per kind keeps a phone, an email and a customer id from ever colliding.
 */
public final class Identifiers {
    public static final String PHONE_PREFIX = "tel:";
    public static final String EMAIL_PREFIX = "mailto:";
    public static final String CUSTOMER_PREFIX = "id:";

    private Identifiers() {
    }

    public static String phone(String e164) {
        return PHONE_PREFIX + e164;
    }

    public static String email(String normalisedEmail) {
        return EMAIL_PREFIX + normalisedEmail;
    }

    public static String customer(String customerId) {
        return CUSTOMER_PREFIX + customerId;
    }
}
