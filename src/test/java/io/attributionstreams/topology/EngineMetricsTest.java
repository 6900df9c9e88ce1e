package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.ops.StoreSizes;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.Settings;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.erasure.ErasureOptions;
import io.attributionstreams.topology.outputs.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The engine's meters on the production topology, with exact figures: facts in per topic, the
 * touchpoints of each recomputed customer, the latency of every record written to
 * attribution-updates, and hot identifiers, whose value never reaches a tag.
 */
class EngineMetricsTest {
    private static final String SHARED = "(312) 555-0147";

    private static final AttributionSettings CONTACT_AND_PAID =
            AttributionSettings.defaults().withTypes(List.of(ConversionType.FIRST_CONTACT, ConversionType.FIRST_PAID));

    private static FactRecord customer(String id, String... phones) {
        return new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id, List.of(phones), List.of()));
    }

    private static FactRecord interaction(String id, String at, String phone) {
        return new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, "call", at, "tv", null, phone, null, null));
    }

    private static FactRecord payment(String id, String customerId, String amount, String currency) {
        return new FactRecord(FactFile.PAYMENTS, id,
                new RawPayment(id, customerId, "2025-02-01T00:00:00Z", amount, currency));
    }

    private static FactRecord appointment(String id, String customerId) {
        return new FactRecord(FactFile.APPOINTMENTS, id,
                new RawAppointment(id, customerId, "2025-01-20T00:00:00Z", null));
    }

    private static double factsIn(TopologyHarness harness, String topic) {
        return harness.registry().get(TopologyMetrics.FACTS_IN).tag("topic", topic).counter().count();
    }

    @Test
    void factsInCountsEveryRecordReadPerInputTopicBadAndRepeatedOnesIncluded() {
        try (TopologyHarness harness = new TopologyHarness(CONTACT_AND_PAID)) {
            harness.pipe(List.of(customer("C1", "201-555-0123"), customer("C2"), customer("C3"),
                    customer("C1", "201-555-0123"), // an identical repeat: read, then dropped
                    interaction("I1", "2025-01-02T10:00:00Z", "201-555-0123"),
                    interaction("I2", "2025-01-03T10:00:00Z", "201-555-0123"),
                    appointment("A1", "C1"), appointment("A2", "C2"),
                    payment("P1", "C1", "10.00", "EUR"))); // rejected: wrong currency
            harness.pipeBytes(Names.INTERACTIONS, "I3", "{not json".getBytes(StandardCharsets.UTF_8));

            assertThat(factsIn(harness, Names.CUSTOMERS)).isEqualTo(4.0);
            assertThat(factsIn(harness, Names.INTERACTIONS)).isEqualTo(3.0);
            assertThat(factsIn(harness, Names.APPOINTMENTS)).isEqualTo(2.0);
            assertThat(factsIn(harness, Names.PAYMENTS)).isEqualTo(1.0);
            assertThat(harness.deadLetters()).hasSize(2);
            assertThat(harness.registry().get(DeadLetters.METRIC).counters()).extracting(Counter::count)
                    .containsExactlyInAnyOrder(1.0, 1.0);
        }
    }

    @Test
    void factsInOfAQuietTopicReadsZeroRatherThanMissing() {
        try (TopologyHarness harness = new TopologyHarness(CONTACT_AND_PAID)) {
            assertThat(harness.registry().get(TopologyMetrics.FACTS_IN).counters()).hasSize(5)
                    .extracting(Counter::count).containsOnly(0.0);
        }
    }

    @Test
    void touchpointsAreRecordedOncePerRecomputationOfAnExistingCustomer() {
        try (TopologyHarness harness = new TopologyHarness(CONTACT_AND_PAID)) {
            // waiting at a number nobody claims, and a payment of a customer that does not exist yet:
            // no existing customer is recomputed
            harness.pipe(List.of(interaction("I1", "2025-01-02T10:00:00Z", "201-555-0123"),
                    payment("P1", "C1", "10.00", "USD")));
            DistributionSummary touchpoints = harness.registry().get(TopologyMetrics.TOUCHPOINTS).summary();
            assertThat(touchpoints.count()).isZero();

            harness.pipe(customer("C1", "201-555-0123")); // created: 0 touchpoints, then linked to I1: 1
            harness.pipe(interaction("I2", "2025-01-03T10:00:00Z", "201-555-0123")); // 2
            harness.pipe(payment("P2", "C1", "5.00", "USD")); // 2

            assertThat(touchpoints.count()).isEqualTo(4);
            assertThat(touchpoints.totalAmount()).isEqualTo(0 + 1 + 2 + 2);
            assertThat(touchpoints.max()).isEqualTo(2.0);
        }
    }

    @Test
    void latencyIsTimedForEveryRecordWrittenToUpdatesFromItsInputRecordsTimestamp() {
        try (TopologyHarness harness = new TopologyHarness(CONTACT_AND_PAID)) {
            harness.pipe(List.of(customer("C1", "201-555-0123"),
                    interaction("I1", "2025-01-02T10:00:00Z", "201-555-0123"),
                    payment("P1", "C1", "10.00", "USD"),
                    interaction("I0", "2025-01-01T10:00:00Z", "201-555-0123"), // earlier: restates both
                    customer("C2"),
                    interaction("I2", "2025-01-02T10:00:00Z", "(312) 555-0100"),
                    customer("C2", "312-555-0100"), // a claim links the waiting I2: timed from C2's record
                    FactRecord.tombstone(FactFile.CUSTOMERS, "C1"))); // tombstones both of C1's answers

            List<TestRecord<String, AttributionUpdate>> written = harness.allUpdates();
            // I1: contact; P1: contact (revenue) and paid; I0: both restated; C2's claim: contact; delete: two tombstones
            assertThat(written).hasSize(1 + 2 + 2 + 1 + 2);
            long[] expectedMillis = written.stream()
                    .mapToLong(r -> TopologyHarness.WALL_CLOCK.toEpochMilli() - r.timestamp()).toArray();
            Timer latency = harness.registry().get(TopologyMetrics.LATENCY).timer();
            assertThat(latency.count()).isEqualTo(written.size());
            assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo((double) Arrays.stream(expectedMillis).sum());
            assertThat(latency.max(TimeUnit.MILLISECONDS))
                    .isEqualTo((double) Arrays.stream(expectedMillis).max().orElseThrow());
        }
    }

    @Test
    void hotIdentifierCountsOnceWhenTheNextCustomerAfterTheThresholdClaimsIt() {
        int threshold = 3;
        try (TopologyHarness harness = new TopologyHarness(CONTACT_AND_PAID, threshold)) {
            Counter hot = harness.registry().get(TopologyMetrics.HOT_IDENTIFIERS).counter();
            harness.pipe(List.of(customer("C1", SHARED), customer("C2", SHARED), customer("C3", SHARED),
                    customer("C1", SHARED, "201-555-0123"))); // a changed customer keeps its claim: no new claimant
            assertThat(hot.count()).isZero();

            harness.pipe(customer("C4", SHARED));
            assertThat(hot.count()).isEqualTo(1.0);

            harness.pipe(List.of(customer("C5", SHARED), customer("C6", SHARED)));
            assertThat(hot.count()).as("still hot: no new crossing").isEqualTo(1.0);

            // back to the threshold (C5 drops the number, C4 and C6 are deleted), then over it again
            harness.pipe(List.of(customer("C5"), FactRecord.tombstone(FactFile.CUSTOMERS, "C6"),
                    FactRecord.tombstone(FactFile.CUSTOMERS, "C4")));
            assertThat(hot.count()).isEqualTo(1.0);
            harness.pipe(customer("C7", SHARED));
            assertThat(hot.count()).isEqualTo(2.0);
        }
    }

    @Test
    void noMeterTagHoldsAPhoneOrACustomerId() {
        try (TopologyHarness harness = new TopologyHarness(CONTACT_AND_PAID, 1)) {
            harness.pipe(List.of(customer("C1", SHARED), customer("C2", SHARED),
                    interaction("I1", "2025-01-02T10:00:00Z", SHARED), payment("P1", "C1", "10.00", "USD"),
                    payment("P2", "C2", "10.00", "EUR")));
            assertThat(harness.registry().get(TopologyMetrics.HOT_IDENTIFIERS).counter().count()).isEqualTo(1.0);

            List<String> tagValues = new ArrayList<>();
            for (Meter meter : harness.registry().getMeters()) {
                meter.getId().getTags().stream().map(Tag::getValue).forEach(tagValues::add);
            }
            assertThat(tagValues).isNotEmpty().noneMatch(v -> v.contains("555") || v.contains("0147")
                    || v.matches(".*\\bC\\d+\\b.*") || v.contains("@"));
        }
    }

    @Test
    void everyStoreOfTheTopologyIsNamedInTheStoreList() {
        assertThat(Names.STORES).containsExactlyInAnyOrderElementsOf(storesOf(AttributionSettings.defaults(),
                Outputs.DEFAULT));
        // markov and the credit rows add their own stores, and only those
        List<String> all = new ArrayList<>(Names.STORES);
        all.addAll(Names.MARKOV_STORES);
        all.addAll(Names.CREDIT_STORES);
        assertThat(storesOf(Settings.fromArgs(List.of("--models", "linear,markov")), Outputs.WITH_CREDITS)).containsExactlyInAnyOrderElementsOf(all);
    }

    private static List<String> storesOf(AttributionSettings settings, Outputs outputs) {
        return StoreSizes.storesOf(AttributionTopology.build(settings, Pacing.DEFAULT,
                new TopologyMetrics(new SimpleMeterRegistry()), IdentityOptions.pseudonymised(TestPseudonyms.values()),
                ErasureOptions.of(Pseudonyms.oneOff(), StreamsSettings.DEFAULT_APPLICATION_ID), Backlog.NONE, outputs));
    }
}
