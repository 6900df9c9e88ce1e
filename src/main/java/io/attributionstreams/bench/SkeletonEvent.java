package io.attributionstreams.bench;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What the skeleton carries between its hops: the kind of record, the customer id it knows (empty when
 * none) and the interaction's channel (empty for other facts). A few bytes, so that the skeleton's
 * cost is the framework's, not a format's.
 *
 * @param kind {@link #CLAIM}, {@link #ATTACH} (both keyed by identifier) or {@link #FACT} (keyed by customer)
 */
record SkeletonEvent(char kind, String customer, String channel) {
    /** A customer's identifier: the customer claims it. */
    static final char CLAIM = 'C';
    /** An interaction's identifier: the interaction carries it. */
    static final char ATTACH = 'A';
    /** A record already keyed by customer: a customer's own status, an appointment, a payment. */
    static final char FACT = 'F';

    private static final char SEPARATOR = '\u0000';

    static final Serde<SkeletonEvent> SERDE = Serdes.serdeFrom(
            (topic, event) -> event == null ? null : event.encode(),
            (topic, bytes) -> bytes == null ? null : decode(bytes));

    SkeletonEvent {
        customer = customer == null ? "" : customer;
        channel = channel == null ? "" : channel;
    }

    boolean keyedByIdentifier() {
        return kind == CLAIM || kind == ATTACH;
    }

    /** The key of this record's channel delta: its channel, or one fixed key for facts without one. */
    String channelKey() {
        return channel.isEmpty() ? SkeletonTopology.NO_CHANNEL : channel;
    }

    private byte[] encode() {
        return (kind + customer + SEPARATOR + channel).getBytes(StandardCharsets.UTF_8);
    }

    private static SkeletonEvent decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int separator = text.indexOf(SEPARATOR);
        return new SkeletonEvent(text.charAt(0), text.substring(1, separator), text.substring(separator + 1));
    }
}
