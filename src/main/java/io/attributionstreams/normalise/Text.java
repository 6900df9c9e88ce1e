package io.attributionstreams.normalise;

/** Every value is trimmed; an empty cell is an absent value (SEMANTICS section 2). */
public final class Text {
    private Text() {
    }

    /** The trimmed value, or null when it is absent or blank. */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The trimmed value, or a rejection naming the missing field. */
    public static String required(String value, String field) {
        String cleaned = clean(value);
        if (cleaned == null) {
            throw new RejectedFactException("missing " + field);
        }
        return cleaned;
    }
}
