package io.attributionstreams.topology.markov;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.markov.Node;
import io.attributionstreams.markov.Transition;
import io.attributionstreams.topology.Names;

/**
 * The keys of the {@code markov-counts} store: one entry per count, so that no entry grows with the number
 * of channels. Each starts with its conversion type, so a prefix scan reads one type's counts. Parts are
 * joined with {@link Names#KEY_SEPARATOR}, which no channel can contain (control characters are rejected).
 *
 * <pre>
 * TYPE \0 t \0 fromKind \0 fromChannel \0 toKind \0 toChannel   a transition's count
 * TYPE \0 p \0 channel                                          crediting touchpoints on converting paths
 * TYPE \0 c                                                     paths that convert
 * TYPE \0 r                                                     their summed revenue, in cents
 * TYPE \0 s \0 channel                                          spend on the channel, in cents
 * TYPE \0 f \0 channel                                          spend facts counted on it
 * TYPE \0 x                                                     paths over more channels than a chain may have
 * </pre>
 */
final class MarkovCountKeys {
    static final String TRANSITION = "t";
    static final String TOUCHPOINTS = "p";
    static final String CONVERSIONS = "c";
    static final String REVENUE = "r";
    static final String SPEND = "s";
    static final String SPEND_FACTS = "f";
    static final String OVERSIZED = "x";

    private MarkovCountKeys() {
    }

    static String prefix(ConversionType type) {
        return Names.prefixOf(type.name());
    }

    static String transition(ConversionType type, Transition t) {
        return join(type.name(), TRANSITION, t.from().kind().name(), channel(t.from()), t.to().kind().name(),
                channel(t.to()));
    }

    static String touchpoints(ConversionType type, String channel) {
        return join(type.name(), TOUCHPOINTS, channel);
    }

    static String conversions(ConversionType type) {
        return join(type.name(), CONVERSIONS);
    }

    static String revenue(ConversionType type) {
        return join(type.name(), REVENUE);
    }

    static String oversized(ConversionType type) {
        return join(type.name(), OVERSIZED);
    }

    static String spend(ConversionType type, String channel) {
        return join(type.name(), SPEND, channel);
    }

    static String spendFacts(ConversionType type, String channel) {
        return join(type.name(), SPEND_FACTS, channel);
    }

    /** The parts of a key: type, kind, then the kind's own parts. */
    static String[] parts(String key) {
        return key.split(String.valueOf(Names.KEY_SEPARATOR), -1);
    }

    static Transition transitionOf(String[] parts) {
        return new Transition(node(parts[2], parts[3]), node(parts[4], parts[5]));
    }

    private static Node node(String kind, String channel) {
        Node.Kind k = Node.Kind.valueOf(kind);
        return switch (k) {
            case START -> Node.START;
            case CONVERSION -> Node.CONVERSION;
            case NULL -> Node.NULL;
            case CHANNEL -> Node.channel(channel);
        };
    }

    private static String channel(Node node) {
        return node.isChannel() ? node.channel() : "";
    }

    private static String join(String... parts) {
        return String.join(String.valueOf(Names.KEY_SEPARATOR), parts);
    }
}
