package io.attributionstreams.normalise;

/**
 * Every value is trimmed; an empty cell is an absent value (docs/contract.md §2). The text limits of
 * section 9 live here too: ids, channels and campaigns of at most {@value #MAX_TEXT} code points,
 * and no control character in any value that names something (an id, a channel, a campaign, a
 * phone, an email), because such a value would collide with the separators of store keys or break
 * a reader downstream.
 */
public final class Text {
    /** Longest id, channel or campaign, in Unicode code points. */
    public static final int MAX_TEXT = 256;
    /** How much of a bad value a reject reason quotes, in code points. */
    public static final int MAX_QUOTED = 200;

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

    /** A required id, channel or campaign: present, without control characters, not over-long. */
    public static String requiredName(String value, String field) {
        return checkedName(required(value, field), field);
    }

    /** An optional id, channel or campaign: null when absent, otherwise checked as {@link #requiredName}. */
    public static String optionalName(String value, String field) {
        String cleaned = clean(value);
        return cleaned == null ? null : checkedName(cleaned, field);
    }

    /** The trimmed value of a phone or email (null when absent), rejecting the fact on a control character. */
    public static String identifier(String value, String field) {
        String cleaned = clean(value);
        if (cleaned != null && hasControlCharacter(cleaned)) {
            throw new RejectedFactException("control character in " + field);
        }
        return cleaned;
    }

    private static String checkedName(String value, String field) {
        if (hasControlCharacter(value)) {
            throw new RejectedFactException("control character in " + field);
        }
        if (longerThan(value, MAX_TEXT)) {
            throw new RejectedFactException(field + " longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** Whether the value holds a C0 or C1 control character (U+0000 to U+001F, U+007F to U+009F). */
    public static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(char c) {
        return c <= '\u001F' || (c >= '\u007F' && c <= '\u009F');
    }

    /** Whether the value has more than {@code max} Unicode code points (a surrogate pair counts once). */
    public static boolean longerThan(String value, int max) {
        return value.length() > max && value.codePointCount(0, value.length()) > max;
    }

    /**
     * A bad value as a reject reason quotes it: at most {@value #MAX_QUOTED} code points (then an
     * ellipsis), control characters written as {@code \}{@code uXXXX}, so that a reason is one short,
     * printable line whatever a producer sent.
     */
    public static String quote(String value) {
        return '\'' + excerpt(value) + '\'';
    }

    /** {@link #quote} without the quotes: for a message that may carry what a producer sent. */
    public static String excerpt(String value) {
        StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8);
        int points = 0;
        for (int i = 0; i < value.length(); ) {
            if (points == MAX_QUOTED) {
                return quoted.append('…').toString();
            }
            int cp = value.codePointAt(i);
            if (cp < 0x10000 && isControl((char) cp)) {
                quoted.append(String.format("\\u%04X", cp));
            } else {
                quoted.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
            points++;
        }
        return quoted.toString();
    }
}
