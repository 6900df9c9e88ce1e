package io.attributionstreams.channels;

import io.attributionstreams.conversion.ConversionType;
import java.util.Comparator;

/** A row of the channel totals: (conversion type, model, channel). */
public record ChannelKey(ConversionType type, String model, String channel) implements Comparable<ChannelKey> {
    /** Where converted customers with no crediting touchpoint put their revenue. */
    public static final String UNATTRIBUTED = "(unattributed)";

    private static final Comparator<ChannelKey> ORDER = Comparator
            .comparing((ChannelKey k) -> k.type().name())
            .thenComparing(ChannelKey::model)
            .thenComparing(ChannelKey::channel);

    /** Its key on {@code attribution-channel-totals}: {@code type|model|channel}. */
    public String topicKey() {
        return type.name() + '|' + model + '|' + channel;
    }

    @Override
    public int compareTo(ChannelKey other) {
        return ORDER.compare(this, other);
    }
}
