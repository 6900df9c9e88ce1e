package io.attributionstreams.contract;

/**
 * The key grammar of {@code attribution-updates}. An answer's key is {@code customer|type|model}; when an
 * answer is too large for one record, its touchpoints travel in part records keyed
 * {@code customer|type|model|n}, n = 1, 2, ... Read from the right: a key whose last {@code |}-separated
 * field is a number is a part (a model name is never a number), and a customer id may itself hold
 * {@code |}.
 *
 * @param answerKey {@code customer|type|model}
 * @param part the part number, or 0 for the answer's own record
 */
public record UpdateKey(String answerKey, int part) {

    public static UpdateKey parse(String key) {
        int bar = key.lastIndexOf('|');
        if (bar < 0 || bar == key.length() - 1 || key.length() - bar > 10) {
            return new UpdateKey(key, 0);
        }
        for (int i = bar + 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return new UpdateKey(key, 0);
            }
        }
        return new UpdateKey(key.substring(0, bar), Integer.parseInt(key.substring(bar + 1)));
    }

    /**
     * An answer's key, {@code customer|type|model}: on {@code attribution-updates}, and at the start of each of
     * its rows' keys on {@code attribution-credits}.
     */
    public static String answerKey(String customerId, String conversionType, String model) {
        return customerId + '|' + conversionType + '|' + model;
    }

    /** The key of part {@code n} of the answer keyed {@code answerKey}. */
    public static String partKey(String answerKey, int n) {
        return answerKey + '|' + n;
    }

    public boolean isPart() {
        return part > 0;
    }
}
