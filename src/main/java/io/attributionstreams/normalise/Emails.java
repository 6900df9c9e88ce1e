package io.attributionstreams.normalise;

import java.util.Locale;

/**
 * Email normalisation: trimmed, lower-cased, one '@', a local part and a dotted domain, and at most
 * {@value #MAX_LENGTH} characters (the longest address SMTP can carry).
 */
public final class Emails {
    public static final int MAX_LENGTH = 254;

    private Emails() {
    }

    /** The normalised address, or null when absent or not a usable address. */
    public static String normalise(String raw) {
        String email = Text.clean(raw);
        if (email == null || Text.longerThan(email, MAX_LENGTH)) {
            return null;
        }
        email = email.toLowerCase(Locale.ROOT);
        int at = email.indexOf('@');
        if (at <= 0 || email.indexOf('@', at + 1) >= 0) {
            return null;
        }
        return email.indexOf('.', at + 1) > 0 ? email : null;
    }
}
