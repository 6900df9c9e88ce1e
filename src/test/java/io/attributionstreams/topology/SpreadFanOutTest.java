package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.testsupport.BatchOracle;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.events.GraphEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity step spreads a large fan-out: one identity event serves at most a budget of link
 * targets, the punctuator a budget each time, and the answer is still exactly batch's. The budget is
 * tiny here (2 targets) so that every scenario below leaves a fan-out pending, and the interleavings
 * land while it is: events about the same identifier that replace it, or that it must still reach.
 * Each scenario checks the fan-out was pending at the point that matters, then settles and compares
 * with batch on the same facts.
 */
class SpreadFanOutTest {
    private static final String SHARED = "(312) 555-0147";
    /** The shared number as the identity graph keys it: its pseudonym, in the phone spelling. */
    private static final String SHARED_ID = "tel:" + TestPseudonyms.values().phone("+13125550147");
    private static final String OTHER = "2015550123";
    private static final String NOBODYS = "(212) 555-0199";
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults();
    private static final String BY_CUSTOMER = StreamsSettings.DEFAULT_APPLICATION_ID + "-" + Names.BY_CUSTOMER
            + "-repartition";

    @TempDir
    Path tmp;

    @Test
    void anInteractionOnANumberWithFiveThousandClaimantsIsSpreadABudgetAtATime() {
        int claimants = 5_000;
        int budget = 100;
        AttributionSettings firstContact = SETTINGS.withTypes(List.of(ConversionType.FIRST_CONTACT));
        try (Scenario s = new Scenario(firstContact, budget)) {
            List<FactRecord> customers = new ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                customers.add(customer(String.format("C%04d", i), SHARED));
            }
            s.send(customers);
            TestOutputTopic<String, GraphEvent> byCustomer = s.byCustomer();
            byCustomer.readRecordsToList();

            s.send(call("I1", SHARED, "tv"));

            List<String> linked = new ArrayList<>();
            List<TestRecord<String, GraphEvent>> written = byCustomer.readRecordsToList();
            assertThat(written).as("what the record itself wrote").hasSize(budget);
            written.forEach(r -> linked.add(r.key()));
            assertThat(s.pending()).containsExactly(SHARED_ID + "|attach|I1");
            int punctuations = 0;
            while (!s.pending().isEmpty()) {
                s.punctuate();
                punctuations++;
                written = byCustomer.readRecordsToList();
                assertThat(written).as("what punctuation %d wrote", punctuations).hasSizeBetween(1, budget);
                written.forEach(r -> linked.add(r.key()));
            }
            assertThat(punctuations).isEqualTo(claimants / budget - 1);
            assertThat(linked).as("every claimant exactly once").hasSize(claimants).doesNotHaveDuplicates();
            assertThat(s.registry().find(TopologyMetrics.FAN_OUT_DEFERRED).counter().count()).isEqualTo(1.0);
            assertThat(s.registry().find(TopologyMetrics.FAN_OUT).summary().max()).isEqualTo(claimants);
            assertThat(s.harness.latestUpdates()).hasSize(claimants);
            s.assertConvergesToBatch(tmp);
        }
    }

    @Test
    void aDetachWhileTheAttachFanOutIsPendingUnlinksEveryClaimant() {
        try (Scenario s = new Scenario(2)) {
            s.send(claimants("C", 6)).send(call("I0", SHARED, "radio")).settle();
            s.send(call("I1", SHARED, "tv")).punctuate();
            assertThat(s.pending()).as("4 of 6 claimants linked").containsExactly(SHARED_ID + "|attach|I1");

            s.send(call("I1", NOBODYS, "tv"));

            assertThat(s.pending()).as("the detach replaced the attach").containsExactly(SHARED_ID + "|attach|I1");
            s.assertConvergesToBatch(tmp);
            assertThat(s.touchpointsOf("C1")).containsExactly("I0");
            assertThat(s.touchpointsOf("C6")).containsExactly("I0");
        }
    }

    @Test
    void aNewPayloadWhileTheAttachFanOutIsPendingReachesEveryClaimant() {
        try (Scenario s = new Scenario(2)) {
            s.send(claimants("C", 6)).send(call("I1", SHARED, "tv")).punctuate();
            assertThat(s.pending()).containsExactly(SHARED_ID + "|attach|I1");

            s.send(call("I1", SHARED, "radio"));

            s.assertConvergesToBatch(tmp);
            assertThat(s.harness.latestUpdates().values()).as("FIRST_CONTACT of each claimant").hasSize(6)
                    .allSatisfy(u -> assertThat(u.touchpoints()).extracting(AttributionUpdate.Touchpoint::channel)
                            .containsExactly("radio"));
        }
    }

    @Test
    void anUnclaimWhileTheClaimFanOutIsPendingLeavesNothingLinked() {
        try (Scenario s = new Scenario(2)) {
            s.send(calls("I", 10, SHARED)).settle();
            s.send(customer("C1", SHARED));
            assertThat(s.pending()).as("2 of 10 interactions linked").containsExactly(SHARED_ID + "|claim|C1");

            s.send(customer("C1", OTHER));

            s.assertConvergesToBatch(tmp);
            assertThat(s.touchpointsOf("C1")).isEmpty();
        }
    }

    @Test
    void aClaimAgainWhileTheUnclaimFanOutIsPendingLinksEverything() {
        try (Scenario s = new Scenario(2)) {
            s.send(calls("I", 10, SHARED)).send(customer("C1", SHARED)).settle();
            s.send(customer("C1", OTHER)).punctuate();
            assertThat(s.pending()).as("4 of 10 unlinked").containsExactly(SHARED_ID + "|claim|C1");

            s.send(customer("C1", SHARED));

            s.assertConvergesToBatch(tmp);
            assertThat(s.touchpointsOf("C1")).hasSize(10);
        }
    }

    @Test
    void claimantsArrivingBeforeAndAfterTheCursorOfAPendingAttachAreLinked() {
        try (Scenario s = new Scenario(2)) {
            s.send(claimants("B", 6)).send(call("I1", SHARED, "tv")).punctuate();
            assertThat(s.pending()).as("B1 to B4 linked").containsExactly(SHARED_ID + "|attach|I1");

            s.send(customer("A0", SHARED)).send(customer("Z9", SHARED));

            assertThat(s.pending()).contains(SHARED_ID + "|attach|I1");
            s.assertConvergesToBatch(tmp);
            assertThat(s.touchpointsOf("A0")).containsExactly("I1");
            assertThat(s.touchpointsOf("Z9")).containsExactly("I1");
            assertThat(s.touchpointsOf("B6")).containsExactly("I1");
        }
    }

    @Test
    void detachesWhileTheClaimFanOutIsPendingAreNotLinked() {
        try (Scenario s = new Scenario(2)) {
            s.send(calls("I", 10, SHARED)).settle();
            s.send(customer("C1", SHARED));
            assertThat(s.pending()).as("I01 and I02 linked").containsExactly(SHARED_ID + "|claim|C1");

            s.send(call("I05", NOBODYS, "tv")).send(FactRecord.tombstone(FactFile.INTERACTIONS, "I09"))
                    .send(call("I01", NOBODYS, "tv"));

            s.assertConvergesToBatch(tmp);
            assertThat(s.touchpointsOf("C1")).containsExactly("I02", "I03", "I04", "I06", "I07", "I08", "I10");
        }
    }

    /**
     * The unclaim's fan-out is still short of I05 when I05 detaches. The customer no longer claims the
     * number, so the detach's own fan-out over the claimants would miss it, and the unclaim's over the
     * carried interactions no longer finds I05: only the pending unclaim itself says the customer still
     * owes an unlink.
     */
    @Test
    void aDetachReachesACustomerWhoseUnclaimIsStillUnlinking() {
        try (Scenario s = new Scenario(2)) {
            s.send(calls("I", 10, SHARED)).send(customer("C1", SHARED)).settle();
            s.send(customer("C1", OTHER));
            assertThat(s.pending()).as("I01 and I02 unlinked").containsExactly(SHARED_ID + "|claim|C1");

            s.send(call("I05", NOBODYS, "tv"));

            s.assertConvergesToBatch(tmp);
            assertThat(s.touchpointsOf("C1")).isEmpty();
        }
    }

    /** The same the other way round: the detach's fan-out is short of C5 when C5 unclaims. */
    @Test
    void anUnclaimReachesAnInteractionWhoseDetachIsStillUnlinking() {
        try (Scenario s = new Scenario(2)) {
            s.send(claimants("C", 6)).send(call("I0", SHARED, "radio")).send(call("I1", SHARED, "tv")).settle();
            s.send(call("I1", NOBODYS, "tv"));
            assertThat(s.pending()).as("C1 and C2 unlinked").containsExactly(SHARED_ID + "|attach|I1");

            s.send(customer("C5", OTHER));

            s.assertConvergesToBatch(tmp);
            assertThat(s.touchpointsOf("C5")).isEmpty();
            assertThat(s.touchpointsOf("C6")).containsExactly("I0");
        }
    }

    /**
     * Interactions with 256-character ids, channels and campaigns in a script that takes 3 bytes a
     * character: 200 of them would make a 650 KB event, so the events to a new claimant are cut by
     * size, each under 256 KB, not by count.
     */
    @Test
    void linkEventsAreBoundedByBytes() {
        int interactions = 300;
        AttributionSettings firstContact = SETTINGS.withTypes(List.of(ConversionType.FIRST_CONTACT));
        try (Scenario s = new Scenario(firstContact, Pacing.DEFAULT_FAN_OUT_BUDGET)) {
            List<FactRecord> calls = new ArrayList<>();
            for (int i = 0; i < interactions; i++) {
                String id = String.format("I%03d-", i) + "\u6f22".repeat(251);
                calls.add(new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, "call",
                        "2025-01-02T10:00:00Z", "\u983b".repeat(256), "\u9053".repeat(256), SHARED, null, null)));
            }
            s.send(calls);
            TestOutputTopic<String, byte[]> bytes = s.harness.driver().createOutputTopic(BY_CUSTOMER,
                    Serdes.String().deserializer(), new ByteArrayDeserializer());

            s.send(customer("C1", SHARED));

            List<GraphEvent> links = new ArrayList<>();
            for (TestRecord<String, byte[]> r : bytes.readRecordsToList()) {
                GraphEvent event = Topics.GRAPH_EVENT.deserializer().deserialize(BY_CUSTOMER, r.value());
                if (event.kind() == GraphEvent.Kind.LINK && event.via().equals(SHARED_ID)) {
                    assertThat(r.value().length).isLessThanOrEqualTo(256 * 1024);
                    links.add(event);
                }
            }
            assertThat(links).as("300 links of over 3 KB: 200 would not fit in one event").hasSizeGreaterThan(2);
            assertThat(links.stream().mapToInt(e -> e.links().size()).sum()).isEqualTo(interactions);
            assertThat(s.harness.latestUpdates().get("C1|FIRST_CONTACT|daily_split").touchpoints())
                    .hasSize(interactions);
        }
    }

    @Test
    void theBudgetAndTheIntervalAreConfigurable() {
        Pacing pacing = AppConfig.load(null, Map.of("ATTRIBUTION_FANOUT_BUDGET", "50"),
                Map.of(AppConfig.FANOUT_INTERVAL, "PT2S")).pacing();

        assertThat(pacing.fanOutBudget()).isEqualTo(50);
        assertThat(pacing.fanOutInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(AppConfig.load(null, Map.of(), Map.of()).pacing()).isEqualTo(Pacing.DEFAULT);
        assertThat(Pacing.DEFAULT.fanOutBudget()).isEqualTo(2_000);
        assertThat(Pacing.DEFAULT.fanOutInterval()).isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> Pacing.DEFAULT.withFanOut(0, INTERVAL)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> AppConfig.load(null, Map.of(), Map.of(AppConfig.FANOUT_INTERVAL, "PT0S")).pacing())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(AppConfig.FANOUT_INTERVAL);
    }

    /** A scenario: the harness with a small fan-out budget, and every fact sent to it, for the batch oracle. */
    private static final class Scenario implements AutoCloseable {
        private final AttributionSettings settings;
        private final TopologyHarness harness;
        private final List<FactRecord> sent = new ArrayList<>();

        Scenario(int budget) {
            this(SETTINGS, budget);
        }

        Scenario(AttributionSettings settings, int budget) {
            this.settings = settings;
            this.harness = new TopologyHarness(settings, Pacing.DEFAULT.withFanOut(budget, INTERVAL));
        }

        Scenario send(FactRecord record) {
            sent.add(record);
            harness.pipe(record);
            return this;
        }

        Scenario send(List<FactRecord> records) {
            records.forEach(this::send);
            return this;
        }

        /** One fan-out interval of wall-clock time: one punctuation, a budget of deferred fan-out. */
        Scenario punctuate() {
            harness.advanceWallClock(INTERVAL);
            return this;
        }

        Scenario settle() {
            harness.settle();
            return this;
        }

        /** The fan-outs under way, as {@code identifier|side|subject}. */
        List<String> pending() {
            return harness.pendingFanOuts().stream().map(k -> k.replace(Names.KEY_SEPARATOR, '|')).toList();
        }

        TestOutputTopic<String, GraphEvent> byCustomer() {
            return harness.driver().createOutputTopic(BY_CUSTOMER, Serdes.String().deserializer(),
                    Topics.GRAPH_EVENT.deserializer());
        }

        io.micrometer.core.instrument.MeterRegistry registry() {
            return harness.registry();
        }

        /** The interactions of the customer's FIRST_CONTACT answer once settled; none without one. */
        List<String> touchpointsOf(String customerId) {
            AttributionUpdate update = harness.latestUpdates().get(customerId + "|FIRST_CONTACT|daily_split");
            return update == null ? List.of() : update.touchpoints().stream()
                    .map(AttributionUpdate.Touchpoint::interactionId).sorted().toList();
        }

        void assertConvergesToBatch(Path dir) {
            BatchOracle.assertConvergesToBatch(dir, settings, sent, harness);
        }

        @Override
        public void close() {
            harness.close();
        }
    }

    static FactRecord customer(String id, String... phones) {
        return new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id, List.of(phones), List.of()));
    }

    /** Customers {@code prefix}1 to {@code prefix}n, each claiming the shared number. */
    static List<FactRecord> claimants(String prefix, int n) {
        List<FactRecord> customers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            customers.add(customer(prefix + i, SHARED));
        }
        return customers;
    }

    static FactRecord call(String id, String phone, String channel) {
        return new FactRecord(FactFile.INTERACTIONS, id,
                new RawInteraction(id, "call", "2025-01-03T14:05:00Z", channel, null, phone, null, null));
    }

    /** Interactions {@code prefix}01 to {@code prefix}n on one phone, an hour apart. */
    static List<FactRecord> calls(String prefix, int n, String phone) {
        List<FactRecord> calls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = String.format("%s%02d", prefix, i);
            calls.add(new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, "call",
                    String.format("2025-01-03T%02d:05:00Z", i), "tv", null, phone, null, null)));
        }
        return calls;
    }
}
