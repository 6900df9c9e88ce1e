package io.attributionstreams.topology.identity;

import io.attributionstreams.topology.Names;

/**
 * Where a fan-out waits in the {@code pending-fanouts} store: {@code identifier \0 side \0 subject},
 * so that a prefix scan finds every fan-out of one side at one identifier. The side is part of the
 * key because an interaction and a customer may share an id.
 */
record FanOutKey(String identifier, Side side, String subject) {

    /** What drove the fan-out, and so what it runs over. */
    enum Side {
        /** An interaction attached to or detached from the identifier: the targets are the customers claiming it. */
        ATTACH("attach"),
        /** A customer claimed or unclaimed the identifier: the targets are the interactions carrying it. */
        CLAIM("claim");

        private final String tag;

        Side(String tag) {
            this.tag = tag;
        }

        static Side of(String tag) {
            for (Side side : values()) {
                if (side.tag.equals(tag)) {
                    return side;
                }
            }
            throw new IllegalArgumentException("not a fan-out side: " + tag);
        }
    }

    static FanOutKey attach(String identifier, String interactionId) {
        return new FanOutKey(identifier, Side.ATTACH, interactionId);
    }

    static FanOutKey claim(String identifier, String customerId) {
        return new FanOutKey(identifier, Side.CLAIM, customerId);
    }

    /** The prefix of the store keys of every fan-out of {@code side} at {@code identifier}. */
    static String prefix(String identifier, Side side) {
        return Names.prefixOf(Names.compositeKey(identifier, side.tag));
    }

    String storeKey() {
        return prefix(identifier, side) + subject;
    }

    /** The key a {@link #storeKey()} came from: neither an identifier nor a side holds the separator. */
    static FanOutKey of(String storeKey) {
        int first = storeKey.indexOf(Names.KEY_SEPARATOR);
        int second = storeKey.indexOf(Names.KEY_SEPARATOR, first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("not a fan-out key");
        }
        return new FanOutKey(storeKey.substring(0, first), Side.of(storeKey.substring(first + 1, second)),
                storeKey.substring(second + 1));
    }
}
