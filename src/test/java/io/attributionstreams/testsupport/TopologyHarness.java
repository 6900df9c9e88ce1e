package io.attributionstreams.testsupport;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.CreditRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.export.ExportFiles;
import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.normalise.RawSpend;
import io.attributionstreams.topology.AttributionTopology;
import io.attributionstreams.topology.IdentityOptions;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Outputs;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.StreamsSettings;
import io.attributionstreams.topology.Topics;
import io.attributionstreams.topology.TopologyMetrics;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.topology.erasure.ScanState;
import io.attributionstreams.topology.outputs.AnswerAssembler;
import io.attributionstreams.topology.outputs.AnswerParts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology and properties in a {@link TopologyTestDriver}: pipe fact records in,
 * read every output record, fold them into the latest value per key (tombstones remove), and
 * check the version chain of every key as it goes.
 */
public final class TopologyHarness implements AutoCloseable {
    private final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<String, RawCustomer> customers;
    private final TestInputTopic<String, RawInteraction> interactions;
    private final TestInputTopic<String, RawAppointment> appointments;
    private final TestInputTopic<String, RawPayment> payments;
    private final TestInputTopic<String, RawSpend> spend;
    private final TestOutputTopic<String, byte[]> updates;
    private final TestOutputTopic<String, ChannelTotalRecord> totals;
    private final TestOutputTopic<String, CampaignTotalRecord> campaignTotals;
    private final TestOutputTopic<String, MonthTotalRecord> monthTotals;
    private final TestOutputTopic<String, PathTotalRecord> pathTotals;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<String, Long> capped;
    private final TestOutputTopic<String, CreditRecord> credits;
    private final TestInputTopic<String, String> erasures;
    private final TestOutputTopic<String, String> suppressions;
    private final List<TestRecord<String, String>> allSuppressions = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Pacing pacing;
    private final java.util.concurrent.atomic.AtomicBoolean catchingUp = new java.util.concurrent.atomic.AtomicBoolean();

    private final Map<String, AttributionUpdate> latestUpdates = new TreeMap<>();
    private final Map<String, ChannelTotalRecord> latestTotals = new TreeMap<>();
    private final Map<String, CampaignTotalRecord> latestCampaigns = new TreeMap<>();
    private final Map<String, MonthTotalRecord> latestMonths = new TreeMap<>();
    private final Map<String, PathTotalRecord> latestPaths = new TreeMap<>();
    private final TreeMap<String, Long> latestCapped = new TreeMap<>();
    private final Map<String, CreditRecord> latestCredits = new HashMap<>();
    private final List<TestRecord<String, CreditRecord>> allCredits = new ArrayList<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final List<String> versionViolations = new ArrayList<>();
    private final AnswerAssembler answers = new AnswerAssembler();
    private final List<TestRecord<String, AttributionUpdate>> allUpdates = new ArrayList<>();
    private final List<TestRecord<byte[], byte[]>> allDeadLetters = new ArrayList<>();
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");
    /** Punctuations settle() lets pass at most: a test's fan-out over its budget needs one per budget. */
    private static final int MAX_SETTLE_ROUNDS = 100_000;

    /**
     * The driver's wall clock, fixed an hour after the first record timestamp: the latency meter
     * (wall clock minus record timestamp) then reads exact and positive figures.
     */
    public static final Instant WALL_CLOCK = Instant.parse("2026-01-01T01:00:00Z");

    public TopologyHarness(AttributionSettings settings) {
        this(settings, TopologyMetrics.DEFAULT_HOT_IDENTIFIER_THRESHOLD);
    }

    public TopologyHarness(AttributionSettings settings, int hotIdentifierThreshold) {
        this(settings, Pacing.DEFAULT, hotIdentifierThreshold);
    }

    public TopologyHarness(AttributionSettings settings, Pacing pacing) {
        this(settings, pacing, TopologyMetrics.DEFAULT_HOT_IDENTIFIER_THRESHOLD);
    }

    /** With other identity options: blocked values, or phones and emails kept as they are (a control). */
    public TopologyHarness(AttributionSettings settings, IdentityOptions identity) {
        this(settings, Pacing.DEFAULT, TopologyMetrics.DEFAULT_HOT_IDENTIFIER_THRESHOLD, identity);
    }

    /** With other pacing and other identity options (a claimant cap). */
    public TopologyHarness(AttributionSettings settings, Pacing pacing, IdentityOptions identity) {
        this(settings, pacing, TopologyMetrics.DEFAULT_HOT_IDENTIFIER_THRESHOLD, identity);
    }

    private TopologyHarness(AttributionSettings settings, Pacing pacing, int hotIdentifierThreshold) {
        this(settings, pacing, hotIdentifierThreshold, IdentityOptions.pseudonymised(TestPseudonyms.values()));
    }

    /** With other identity options, and optional outputs: flat credit rows. */
    public TopologyHarness(AttributionSettings settings, Pacing pacing, IdentityOptions identity, Outputs outputs) {
        this(settings, pacing, TopologyMetrics.DEFAULT_HOT_IDENTIFIER_THRESHOLD, identity, outputs);
    }

    private TopologyHarness(AttributionSettings settings, Pacing pacing, int hotIdentifierThreshold,
            IdentityOptions identity) {
        this(settings, pacing, hotIdentifierThreshold, identity, Outputs.DEFAULT);
    }

    private TopologyHarness(AttributionSettings settings, Pacing pacing, int hotIdentifierThreshold,
            IdentityOptions identity, Outputs outputs) {
        this.pacing = pacing;
        Properties props = StreamsSettings.defaults();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(io.micrometer.core.instrument.MeterRegistry.class.getName(), registry);
        stateDir = Path.of(System.getProperty("java.io.tmpdir"), "attribution-ttd-" + System.nanoTime());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        io.attributionstreams.privacy.Pseudonyms pseudonyms = identity.values()
                instanceof io.attributionstreams.privacy.PseudonymisedValues values ? values.pseudonyms()
                : io.attributionstreams.privacy.Pseudonyms.oneOff();
        driver = new TopologyTestDriver(AttributionTopology.build(settings, pacing,
                new TopologyMetrics(registry, hotIdentifierThreshold), identity,
                io.attributionstreams.topology.erasure.ErasureOptions.of(pseudonyms,
                        StreamsSettings.DEFAULT_APPLICATION_ID), catchingUp::get, outputs), props, WALL_CLOCK);
        var key = Serdes.String().serializer();
        customers = driver.createInputTopic(Names.CUSTOMERS, key, Topics.CUSTOMERS.valueSerde().serializer());
        interactions = driver.createInputTopic(Names.INTERACTIONS, key, Topics.INTERACTIONS.valueSerde().serializer());
        appointments = driver.createInputTopic(Names.APPOINTMENTS, key, Topics.APPOINTMENTS.valueSerde().serializer());
        payments = driver.createInputTopic(Names.PAYMENTS, key, Topics.PAYMENTS.valueSerde().serializer());
        spend = driver.createInputTopic(Names.SPEND, key, Topics.SPEND.valueSerde().serializer());
        updates = driver.createOutputTopic(Names.ATTRIBUTION_UPDATES, Serdes.String().deserializer(),
                new ByteArrayDeserializer());
        totals = driver.createOutputTopic(Names.CHANNEL_TOTALS, Serdes.String().deserializer(),
                Topics.CHANNEL_TOTALS.valueSerde().deserializer());
        campaignTotals = driver.createOutputTopic(Names.CAMPAIGN_TOTALS, Serdes.String().deserializer(),
                Topics.CAMPAIGN_TOTALS.valueSerde().deserializer());
        monthTotals = driver.createOutputTopic(Names.MONTH_TOTALS, Serdes.String().deserializer(),
                Topics.MONTH_TOTALS.valueSerde().deserializer());
        pathTotals = driver.createOutputTopic(Names.PATH_TOTALS, Serdes.String().deserializer(),
                Topics.PATH_TOTALS.valueSerde().deserializer());
        credits = driver.createOutputTopic(Names.ATTRIBUTION_CREDITS, Serdes.String().deserializer(),
                Topics.ATTRIBUTION_CREDITS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Names.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        capped = driver.createOutputTopic(Names.IDENTITY_CAPPED, Serdes.String().deserializer(),
                Topics.IDENTITY_CAPPED.valueSerde().deserializer());
        erasures = driver.createInputTopic(Names.ERASURES, key, Serdes.String().serializer());
        suppressions = driver.createOutputTopic(Names.suppressionsTopic(StreamsSettings.DEFAULT_APPLICATION_ID),
                Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    /** Pipes an erasure request: its request id and its JSON value (null: a tombstone). */
    public TopologyHarness pipeErasure(String requestId, String json) {
        erasures.pipeInput(requestId, json, clock = clock.plusMillis(1));
        drain();
        return this;
    }

    /** Every record written to the suppressions topic so far. */
    public List<TestRecord<String, String>> suppressionRecords() {
        return allSuppressions;
    }

    public TopologyHarness pipe(List<FactRecord> records) {
        records.forEach(this::pipe);
        return this;
    }

    public TopologyHarness pipe(FactRecord r) {
        clock = clock.plusMillis(1);
        switch (r.file()) {
            case CUSTOMERS -> customers.pipeInput(r.key(), (RawCustomer) r.value(), clock);
            case INTERACTIONS -> interactions.pipeInput(r.key(), (RawInteraction) r.value(), clock);
            case APPOINTMENTS -> appointments.pipeInput(r.key(), (RawAppointment) r.value(), clock);
            case PAYMENTS -> payments.pipeInput(r.key(), (RawPayment) r.value(), clock);
            case SPEND -> spend.pipeInput(r.key(), (RawSpend) r.value(), clock);
        }
        drain();
        return this;
    }

    /** Pipes raw bytes to an input topic, as a careless producer might. */
    public TopologyHarness pipeBytes(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(key, value, clock = clock.plusMillis(1));
        drain();
        return this;
    }

    private void drain() {
        for (TestRecord<String, byte[]> raw : updates.readRecordsToList()) {
            if (raw.value() != null && raw.value().length > AnswerParts.MAX_RECORD_BYTES) {
                versionViolations.add(raw.key() + " is a record of " + raw.value().length + " bytes");
            }
            TestRecord<String, AttributionUpdate> record = new TestRecord<>(raw.key(),
                    Topics.ATTRIBUTION_UPDATES.valueSerde().deserializer().deserialize(Names.ATTRIBUTION_UPDATES,
                            raw.value()), raw.headers(), raw.getRecordTime());
            allUpdates.add(record);
            if (record.value() != null && !record.value().key().equals(record.key())) {
                versionViolations.add(record.key() + " carries key " + record.value().key());
            }
            answers.accept(record.key(), record.value()).ifPresent(answer -> {
                AttributionUpdate value = answer.update();
                if (value == null) {
                    latestUpdates.remove(answer.key());
                    return;
                }
                long expected = versions.getOrDefault(answer.key(), 0L) + 1;
                if (value.version() != expected) {
                    versionViolations.add(answer.key() + " version " + value.version() + " after " + (expected - 1));
                }
                versions.put(answer.key(), value.version());
                latestUpdates.put(answer.key(), value);
            });
        }
        fold(latestTotals, totals.readRecordsToList());
        fold(latestCampaigns, campaignTotals.readRecordsToList());
        fold(latestMonths, monthTotals.readRecordsToList());
        fold(latestPaths, pathTotals.readRecordsToList());
        List<TestRecord<String, CreditRecord>> creditRecords = credits.readRecordsToList();
        allCredits.addAll(creditRecords);
        fold(latestCredits, creditRecords);
        allDeadLetters.addAll(deadLetters.readRecordsToList());
        for (TestRecord<String, Long> record : capped.readRecordsToList()) {
            if (record.value() == null) {
                latestCapped.remove(record.key());
            } else {
                latestCapped.put(record.key(), record.value());
            }
        }
        allSuppressions.addAll(suppressions.readRecordsToList());
    }

    /**
     * Lets wall-clock time pass until no fan-out is under way and no recompute waits for its customer's
     * pace, and reads what that wrote. A fan-out waits only past its budget, and each punctuation serves a
     * budget: the clock moves one fan-out interval at a time while only fan-outs wait, an hour once a
     * recompute waits (only a customer with many touchpoints ever does). The clock stays put when nothing
     * waits, so the latency meter keeps its exact figures.
     */
    public TopologyHarness settle() {
        KeyValueStore<String, Object> recomputes = driver.getKeyValueStore(Names.PENDING_RECOMPUTES);
        KeyValueStore<String, Object> fanOuts = driver.getKeyValueStore(Names.PENDING_FANOUTS);
        for (int round = 0; hasAny(recomputes) || hasAny(fanOuts) || erasurePending(); round++) {
            if (round == MAX_SETTLE_ROUNDS) {
                throw new AssertionError("deferred work still pending after " + round + " punctuations");
            }
            driver.advanceWallClockTime(hasAny(recomputes) ? Duration.ofHours(1)
                    : hasAny(fanOuts) ? pacing.fanOutInterval() : Erasure.SCAN_INTERVAL);
            drain();
        }
        return this;
    }

    /**
     * Whether a step-1 processor has an erasure scan under way, or is due to start one: the suppressions
     * changed in number since its last scan began.
     */
    private boolean erasurePending() {
        KeyValueStore<String, Object> suppressed = driver.getKeyValueStore(Names.SUPPRESSIONS);
        KeyValueStore<String, ScanState> scans = driver.getKeyValueStore(Names.ERASURE_SCANS);
        KeyValueStore<String, Long> marks = driver.getKeyValueStore(Names.ERASURE_MARKS);
        long size = suppressed.approximateNumEntries();
        for (String store : Erasure.SCANNED_STORES) {
            Long mark = marks.get(store);
            if (scans.get(store) != null || (mark == null ? size > 0 : mark != size)) {
                return true;
            }
        }
        return false;
    }

    /** The keys of the fan-outs under way ({@code identifier \0 side \0 subject}), in store order. */
    public List<String> pendingFanOuts() {
        List<String> keys = new ArrayList<>();
        KeyValueStore<String, Object> fanOuts = driver.getKeyValueStore(Names.PENDING_FANOUTS);
        try (KeyValueIterator<String, Object> all = fanOuts.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    /** Whether the topology is told the application is catching up (far behind its input) from now on. */
    public TopologyHarness catchingUp(boolean behind) {
        catchingUp.set(behind);
        return this;
    }

    /** Lets this much wall-clock time pass (punctuations run) and reads what that wrote. */
    public TopologyHarness advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
        drain();
        return this;
    }

    /** The updates written so far, without waiting for deferred fan-outs or recomputes deferred by pacing. */
    public List<TestRecord<String, AttributionUpdate>> updatesSoFar() {
        return allUpdates;
    }

    /** The time the next piped record will carry. */
    public Instant nextRecordTime() {
        return clock.plusMillis(1);
    }

    private static boolean hasAny(KeyValueStore<String, Object> store) {
        try (KeyValueIterator<String, Object> all = store.all()) {
            return all.hasNext();
        }
    }

    /** The latest value per key of a compacted topic's records: a tombstone removes the key. */
    private static <V> void fold(Map<String, V> latest, List<TestRecord<String, V>> records) {
        for (TestRecord<String, V> record : records) {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        }
    }

    public Map<String, AttributionUpdate> latestUpdates() {
        settle();
        return latestUpdates;
    }

    /** The channel totals once every task has sent its pending deltas on (they wait for wall-clock time). */
    public Map<String, ChannelTotalRecord> latestTotals() {
        settle();
        driver.advanceWallClockTime(pacing.channelTotalsInterval());
        drain();
        return latestTotals;
    }

    /** The latest claimant count per capped identifier's pseudonym on attribution-identity-capped (tombstones remove). */
    public java.util.SortedMap<String, Long> latestCapped() {
        settle();
        return latestCapped;
    }

    public List<String> versionViolations() {
        settle();
        return versionViolations;
    }

    public List<TestRecord<String, AttributionUpdate>> allUpdates() {
        settle();
        return allUpdates;
    }

    /** The rows on attribution-credits, by key, tombstones applied (written only with {@link Outputs#credits}). */
    public Map<String, CreditRecord> latestCredits() {
        settle();
        return latestCredits;
    }

    /** Every record on attribution-credits, tombstones included, in the order written. */
    public List<TestRecord<String, CreditRecord>> allCredits() {
        settle();
        return allCredits;
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return allDeadLetters;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** The campaign totals, as {@link #latestTotals} gives the channel totals. */
    public Map<String, CampaignTotalRecord> latestCampaigns() {
        latestTotals();
        return latestCampaigns;
    }

    /** The monthly totals, as {@link #latestTotals} gives the channel totals. */
    public Map<String, MonthTotalRecord> latestMonths() {
        latestTotals();
        return latestMonths;
    }

    /** The path totals, as {@link #latestTotals} gives the channel totals. */
    public Map<String, PathTotalRecord> latestPaths() {
        latestTotals();
        return latestPaths;
    }

    /**
     * The latest state of the outputs as {@code attribution.csv}, {@code channels.csv}, {@code campaigns.csv}
     * and {@code months.csv}.
     */
    public void exportTo(Path dir) {
        Map<String, ChannelTotalRecord> totalsNow = latestTotals();
        ExportFiles.write(dir, latestUpdates.values(), totalsNow.values(), latestCampaigns.values(),
                latestMonths.values(), latestPaths.values());
    }

    /** Closes the driver, which wipes the application's state in the state folder; then the folder goes too. */
    @Override
    public void close() {
        driver.close();
        try {
            TempDirs.delete(stateDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
