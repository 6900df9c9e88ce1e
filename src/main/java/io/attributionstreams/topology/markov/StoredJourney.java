package io.attributionstreams.topology.markov;

import io.attributionstreams.channels.PathKey;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.markov.Journey;
import io.attributionstreams.markov.RemovalEffects;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Journey} as the topology stores and sends it: each distinct channel once, the path as indexes
 * into them, so that a customer with thousands of touchpoints on long channel names stays far below a
 * record's size limit. A journey over more than {@link RemovalEffects#MAX_CHANNELS} distinct channels is
 * kept as a mark ({@code oversized}) with its last {@link PathKey#MAX_STEPS} steps alone: its chain would
 * have no markov rows anyway, and the mark, counted, keeps it that way; the path summary shows no more.
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
            // the path summary's row needs the last steps alone (PathKey.MAX_STEPS), the chain nothing
            List<String> tail = journey.channels().subList(journey.channels().size() - PathKey.MAX_STEPS,
                    journey.channels().size());
            StoredJourney kept = of(new Journey(journey.type(), tail, journey.converted(), journey.revenueCents(),
                    Map.of()));
            return new StoredJourney(journey.type(), kept.channels(), kept.path(), List.of(), journey.converted(),
                    journey.revenueCents(), true);
        }
        List<Long> touchpoints = new ArrayList<>(channels.size());
        for (String channel : channels) {
            touchpoints.add(journey.touchpoints().getOrDefault(channel, 0L));
        }
        return new StoredJourney(journey.type(), channels, path, touchpoints, journey.converted(),
                journey.revenueCents(), false);
    }

    /**
     * The path summary's row it counts in (docs/contract.md §15): a converted path of at least one step; an
     * oversized one by the last steps it kept, which are all the row shows of any long path.
     */
    public Optional<PathKey> pathKey() {
        if (!converted || path.isEmpty()) {
            return Optional.empty();
        }
        List<String> steps = new ArrayList<>(path.size());
        for (int i : path) {
            steps.add(channels.get(i));
        }
        return Optional.of(oversized ? new PathKey(type, steps, true) : PathKey.of(type, steps));
    }

    /** The journey again; null for an oversized one, which keeps its last steps alone. */
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
