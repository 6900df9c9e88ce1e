package io.attributionstreams.markov;

/**
 * A state of the Markov chain (docs/contract.md §14): a channel, or one of the three ends. The ends are
 * kinds, not channel names, so no channel a producer sends can pose as one.
 */
public record Node(Kind kind, String channel) implements Comparable<Node> {
    public enum Kind { START, CHANNEL, CONVERSION, NULL }

    public static final Node START = new Node(Kind.START, null);
    public static final Node CONVERSION = new Node(Kind.CONVERSION, null);
    public static final Node NULL = new Node(Kind.NULL, null);

    public static Node channel(String channel) {
        return new Node(Kind.CHANNEL, channel);
    }

    public boolean isChannel() {
        return kind == Kind.CHANNEL;
    }

    /** Start first, then channels by name, then conversion and null. */
    @Override
    public int compareTo(Node other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 || kind != Kind.CHANNEL ? byKind : channel.compareTo(other.channel);
    }

    @Override
    public String toString() {
        return kind == Kind.CHANNEL ? channel : "(" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
