package io.attributionstreams.topology.markov;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.markov.Journey;
import io.attributionstreams.markov.RemovalEffects;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Journey} as the topology stores and sends it: each distinct channel once, the path as indexes
 * into them, so that a customer with thousands of touchpoints on long channel names stays far below a
 * record's size limit. A journey over more than {@link RemovalEffects#MAX_CHANNELS} distinct channels is
 * kept as a mark alone ({@code oversized}, no channels): its chain would have no markov rows anyway, and
 * the mark, counted, keeps it that way.
 *
 * @param channels the distinct channels, in order of first appearance
 * @param path the collapsed path, as indexes into {@code channels}
 * @param touchpoints crediting touchpoints per channel, aligned with {@code channels} (converted paths)
 */
public record StoredJourney(ConversionType type, List<String> channels, List<Integer> path, List<Long> touchpoints,
        boolean converted, BigInteger revenueCents, boolean oversized) {

    public static StoredJourney of(Journey journey) {
        Map<String, Integer> index = new HashMap<>();
        List<String> channels = new ArrayList<>();
        List<Integer> path = new ArrayList<>(journey.channels().size());
        for (String channel : journey.channels()) {
            path.add(index.computeIfAbsent(channel, c -> {
                channels.add(c);
                return channels.size() - 1;
            }));
        }
        if (channels.size() > RemovalEffects.MAX_CHANNELS) {
            return new StoredJourney(journey.type(), List.of(), List.of(), List.of(), journey.converted(),
                    journey.revenueCents(), true);
        }
        List<Long> touchpoints = new ArrayList<>(channels.size());
        for (String channel : channels) {
            touchpoints.add(journey.touchpoints().getOrDefault(channel, 0L));
        }
        return new StoredJourney(journey.type(), channels, path, touchpoints, journey.converted(),
                journey.revenueCents(), false);
    }

    /** The journey again; null for an oversized one, which keeps no channels. */
    public Journey journey() {
        if (oversized) {
            return null;
        }
        List<String> collapsed = new ArrayList<>(path.size());
        for (int i : path) {
            collapsed.add(channels.get(i));
        }
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            if (touchpoints.get(i) != 0) {
                counts.put(channels.get(i), touchpoints.get(i));
            }
        }
        return new Journey(type, collapsed, converted, revenueCents, counts);
    }
}
