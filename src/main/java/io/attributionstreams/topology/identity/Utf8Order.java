package io.attributionstreams.topology.identity;

/**
 * The order of strings by their UTF-8 bytes, which is how the stores sort their keys. It is the order of
 * code points; {@link String#compareTo} compares UTF-16 units instead and differs above U+FFFF.
 */
final class Utf8Order {
    private Utf8Order() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
