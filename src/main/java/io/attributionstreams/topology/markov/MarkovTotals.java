package io.attributionstreams.topology.markov;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.markov.Journey;
import io.attributionstreams.markov.MarkovChannel;
import io.attributionstreams.markov.PathCounts;
import io.attributionstreams.markov.RemovalEffects;
import io.attributionstreams.markov.Transition;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.topology.Names;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.topology.serde.JsonSerde;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Step 6, by conversion type, when {@code markov} runs (docs/contract.md §14): keeps the paths' transition
 * counts, each customer's old path out and new path in (and the spend per channel, which markov rows show
 * too), and solves the chain at most once per channel-totals
 * interval for a type whose counts changed. Writes the {@code markov} channel totals that changed (and a
 * tombstone for a channel that lost its row) to {@code attribution-channel-totals}.
 *
 * <p>The counts add and subtract exactly, so they equal the batch engine's counts from scratch, and the
 * solver (the batch engine's) gives the same doubles. Under exactly-once, the counts, the rows last written
 * and the records sent commit together. Which types changed is kept in memory: after a restart every type
 * is solved once, and only rows that differ from the ones last written are sent.
 */
public final class MarkovTotals implements Processor<String, MarkovInput, String, ChannelTotalRecord> {
    private final Duration interval;
    /** The conversion types this engine computes. */
    private final List<ConversionType> types;
    private final Set<ConversionType> changed = EnumSet.noneOf(ConversionType.class);
    private ProcessorContext<String, ChannelTotalRecord> context;
    private KeyValueStore<String, String> counts;
    private KeyValueStore<String, ChannelTotalRecord> rows;

    private MarkovTotals(Duration interval, List<ConversionType> types) {
        this.interval = interval;
        this.types = List.copyOf(types);
    }

    /** @param types the conversion types this engine computes, each solved after a restart */
    public static ProcessorSupplier<String, MarkovInput, String, ChannelTotalRecord> processor(Duration interval,
            List<ConversionType> types) {
        // counts change with every path; cached, so that the many changes between two commits are one write
        StoreBuilder<KeyValueStore<String, String>> counts = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.MARKOV_COUNTS), Serdes.String(), Serdes.String())
                .withCachingEnabled();
        StoreBuilder<KeyValueStore<String, ChannelTotalRecord>> rows = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.MARKOV_ROWS), Serdes.String(),
                JsonSerde.of(ChannelTotalRecord.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, MarkovInput, String, ChannelTotalRecord> get() {
                return new MarkovTotals(interval, types);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(counts, rows);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, ChannelTotalRecord> context) {
        this.context = context;
        this.counts = context.getStateStore(Names.MARKOV_COUNTS);
        this.rows = context.getStateStore(Names.MARKOV_ROWS);
        changed.clear();
        changed.addAll(types); // what a crash left unsolved is solved now
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::solveChanged);
    }

    @Override
    public void process(Record<String, MarkovInput> record) {
        ConversionType type = ConversionType.valueOf(record.key());
        MarkovInput input = record.value();
        if (input.path() != null) {
            JourneyChange change = input.path();
            if (change.before() != null) {
                count(type, change.before(), -1);
            }
            if (change.after() != null) {
                count(type, change.after(), 1);
            }
        } else {
            add(MarkovCountKeys.spend(type, input.channel()), input.spend().spendCents());
            add(MarkovCountKeys.spendFacts(type, input.channel()), BigInteger.valueOf(input.spend().spendFacts()));
        }
        changed.add(type);
    }

    private void count(ConversionType type, StoredJourney stored, int sign) {
        Journey journey = stored.journey();
        if (journey == null) {
            // a path over more channels than a chain may have: while one is counted, the type has no rows
            add(MarkovCountKeys.oversized(type), BigInteger.valueOf(sign));
            return;
        }
        for (Transition t : journey.transitions()) {
            add(MarkovCountKeys.transition(type, t), BigInteger.valueOf(sign));
        }
        journey.touchpoints().forEach((channel, n) ->
                add(MarkovCountKeys.touchpoints(type, channel), BigInteger.valueOf(sign * n)));
        if (journey.converted()) {
            add(MarkovCountKeys.conversions(type), BigInteger.valueOf(sign));
            add(MarkovCountKeys.revenue(type), sign > 0 ? journey.revenueCents() : journey.revenueCents().negate());
        }
    }

    private void add(String key, BigInteger delta) {
        String known = counts.get(key);
        BigInteger next = (known == null ? BigInteger.ZERO : new BigInteger(known)).add(delta);
        if (next.signum() == 0) {
            counts.delete(key);
        } else {
            counts.put(key, next.toString());
        }
    }

    private void solveChanged(long now) {
        for (ConversionType type : List.copyOf(changed)) {
            solve(type, now);
        }
        changed.clear();
    }

    private void solve(ConversionType type, long now) {
        Map<String, ChannelTotal> spent = new TreeMap<>();
        boolean[] oversized = new boolean[1];
        PathCounts chain = read(type, spent, oversized);
        Map<String, ChannelTotalRecord> fresh = new TreeMap<>();
        for (MarkovChannel row : oversized[0] ? List.<MarkovChannel>of() : RemovalEffects.solve(chain)) {
            ChannelKey key = new ChannelKey(type, AttributionSettings.MARKOV, row.channel());
            fresh.put(row.channel(), ChannelTotalRecord.markov(key, row, chain.conversions(),
                    spent.getOrDefault(row.channel(), ChannelTotal.ZERO)));
        }
        // money spent on a channel the chain does not credit still shows (docs/contract.md §12)
        spent.forEach((channel, spend) -> {
            if (spend.spendFacts() > 0 && !fresh.containsKey(channel)) {
                fresh.put(channel, ChannelTotalRecord.markov(new ChannelKey(type, AttributionSettings.MARKOV,
                        channel), null, 0, spend));
            }
        });
        List<KeyValue<String, ChannelTotalRecord>> written = new ArrayList<>();
        try (KeyValueIterator<String, ChannelTotalRecord> it = rows.prefixScan(MarkovCountKeys.prefix(type),
                Serdes.String().serializer())) {
            it.forEachRemaining(written::add);
        }
        for (KeyValue<String, ChannelTotalRecord> last : written) {
            String channel = Names.partOf(last.key);
            if (!fresh.containsKey(channel)) {
                rows.delete(last.key);
                forward(type, channel, null, now);
            }
        }
        Map<String, ChannelTotalRecord> before = new TreeMap<>();
        written.forEach(kv -> before.put(Names.partOf(kv.key), kv.value));
        fresh.forEach((channel, record) -> {
            if (!record.equals(before.get(channel))) {
                rows.put(Names.compositeKey(type.name(), channel), record);
                forward(type, channel, record, now);
            }
        });
    }

    private void forward(ConversionType type, String channel, ChannelTotalRecord record, long now) {
        String key = new ChannelKey(type, AttributionSettings.MARKOV, channel).topicKey();
        context.forward(new Record<>(key, record, now));
    }

    /** One type's counts, from their store entries; its spend per channel into {@code spent}. */
    private PathCounts read(ConversionType type, Map<String, ChannelTotal> spent, boolean[] oversized) {
        PathCounts chain = new PathCounts();
        try (KeyValueIterator<String, String> it = counts.prefixScan(MarkovCountKeys.prefix(type),
                Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                String[] parts = MarkovCountKeys.parts(kv.key);
                switch (parts[1]) {
                    case MarkovCountKeys.TRANSITION ->
                            chain.addTransition(MarkovCountKeys.transitionOf(parts), Long.parseLong(kv.value));
                    case MarkovCountKeys.TOUCHPOINTS -> chain.addTouchpoints(parts[2], Long.parseLong(kv.value));
                    case MarkovCountKeys.CONVERSIONS -> chain.addConversions(Long.parseLong(kv.value));
                    case MarkovCountKeys.REVENUE -> chain.addRevenue(new BigInteger(kv.value));
                    case MarkovCountKeys.SPEND -> spent.merge(parts[2], ChannelTotal.spend(new BigInteger(kv.value), 0),
                            ChannelTotal::plus);
                    case MarkovCountKeys.OVERSIZED -> oversized[0] = true;
                    case MarkovCountKeys.SPEND_FACTS -> spent.merge(parts[2],
                            ChannelTotal.spend(BigInteger.ZERO, Long.parseLong(kv.value)), ChannelTotal::plus);
                    default -> throw new IllegalStateException("unknown markov count " + parts[1]);
                }
            }
        }
        return chain;
    }
}
