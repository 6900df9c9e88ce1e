package io.attributionstreams.topology.outputs;

import java.util.List;

/**
 * The kind of a reject reason, for metric tags and logs: a short, fixed vocabulary without the
 * offending value (which could be anything a producer sent).
 */
public final class RejectReasons {
    private static final List<String> KINDS = List.of("unreadable record", "unparseable time", "unknown type",
            "no usable identifier", "unparseable amount", "currency", "more than", "key does not match",
            "a tombstone needs", "processing failed", "control character", "cannot write");

    private RejectReasons() {
    }

    public static String kind(String reason) {
        if (reason == null) {
            return "other";
        }
        if (reason.startsWith("missing ")) {
            int end = reason.indexOf(' ', "missing ".length());
            return end < 0 ? reason : reason.substring(0, end);
        }
        if (reason.endsWith(" out of range")) {
            return "out of range";
        }
        if (reason.contains(" longer than ")) {
            return "too long";
        }
        if (reason.startsWith("amount ")) {
            return "amount";
        }
        for (String kind : KINDS) {
            if (reason.startsWith(kind)) {
                return kind;
            }
        }
        return "other";
    }
}
