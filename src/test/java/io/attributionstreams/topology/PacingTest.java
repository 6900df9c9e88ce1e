package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A customer with many touchpoints is recomputed at its pace (the default: 100 ms per touchpoint from
 * 100 touchpoints): changes inside the pause wait and go out together, once, with the latest answer;
 * a small customer is recomputed at every change.
 */
class PacingTest {
    private static final String SHARED = "(312) 555-0147";
    private static final String KEY = "C1|FIRST_CONTACT|daily_split";

    @Test
    void changesToALargeCustomerInsideItsPauseGoOutOnceWhenThePauseIsOver() {
        try (TopologyHarness harness = firstContactOnly()) {
            harness.pipe(interactions("I", 150, SHARED, "2025-01-02T10:00:00Z"));
            harness.pipe(new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of(SHARED), List.of())));
            assertThat(updatesOf(harness, KEY)).hasSize(1); // 150 touchpoints: recomputed at once, then 15 s pause

            Instant firstChange = harness.nextRecordTime();
            harness.pipe(interaction("J1", SHARED, "2025-01-03T10:00:00Z"));
            harness.pipe(interaction("J2", SHARED, "2025-01-04T10:00:00Z"));
            assertThat(updatesOf(harness, KEY)).hasSize(1);
            assertThat(harness.registry().find("attribution.recomputes.deferred").counter().count()).isEqualTo(2.0);

            harness.advanceWallClock(Duration.ofMillis(14_800));
            assertThat(updatesOf(harness, KEY)).as("still inside the 15 s pause").hasSize(1);

            harness.advanceWallClock(Duration.ofMillis(300));
            List<TestRecord<String, AttributionUpdate>> updates = updatesOf(harness, KEY);
            assertThat(updates).hasSize(2);
            TestRecord<String, AttributionUpdate> paced = updates.get(1);
            assertThat(paced.value().version()).isEqualTo(2);
            assertThat(paced.value().touchpoints()).hasSize(152);
            // daily_split over three days: the two new days get a third each
            assertThat(paced.value().touchpoints().get(150).credit()).isEqualTo("0.3333333333333333333333333333333333");
            assertThat(paced.timestamp()).as("timed from the earliest change that waited")
                    .isEqualTo(firstChange.toEpochMilli());
            assertThat(harness.versionViolations()).isEmpty();
        }
    }

    @Test
    void aPaymentIsNeverPacedAndTakesTheWaitingChangesWithIt() {
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults()
                .withTypes(List.of(ConversionType.FIRST_CONTACT, ConversionType.FIRST_PAID)))) {
            harness.pipe(interactions("I", 150, SHARED, "2025-01-02T10:00:00Z"));
            harness.pipe(new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of(SHARED), List.of())));
            harness.pipe(interaction("J1", SHARED, "2025-01-03T10:00:00Z")); // waits: 15 s pause
            assertThat(updatesOf(harness, KEY)).hasSize(1);

            harness.pipe(new FactRecord(FactFile.PAYMENTS, "P1",
                    new RawPayment("P1", "C1", "2025-01-05T10:00:00Z", "90.00", "USD")));

            // at once, without wall-clock time passing: the payment's answer, and the waiting touchpoint in both
            assertThat(updatesOf(harness, "C1|FIRST_PAID|daily_split")).singleElement()
                    .satisfies(r -> assertThat(r.value().touchpoints()).hasSize(151));
            assertThat(updatesOf(harness, KEY)).hasSize(2);
            assertThat(updatesOf(harness, KEY).get(1).value().touchpoints()).hasSize(151);
            assertThat(harness.advanceWallClock(Duration.ofSeconds(120)).updatesSoFar()).as("nothing left waiting")
                    .hasSize(3);
        }
    }

    @Test
    void aCustomerWithThousandsOfPaymentsHasItsPaymentsPacedToo() {
        Pacing pacing = Pacing.DEFAULT.withConversionsPacedFrom(300);
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults()
                .withTypes(List.of(ConversionType.FIRST_PAID)), pacing)) {
            String key = "C1|FIRST_PAID|daily_split";
            harness.pipe(new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of(SHARED), List.of())));
            harness.pipe(interaction("J1", SHARED, "2025-01-03T10:00:00Z"));
            for (int i = 0; i < 299; i++) { // 300 facts with the touchpoint: each payment recomputed at once
                harness.pipe(new FactRecord(FactFile.PAYMENTS, "P" + i,
                        new RawPayment("P" + i, "C1", "2025-01-05T10:00:00Z", "1.00", "USD")));
            }
            assertThat(updatesOf(harness, key)).hasSize(299);
            for (int i = 299; i < 400; i++) { // from 300 facts: a 30 s pause, the payments inside it wait
                harness.pipe(new FactRecord(FactFile.PAYMENTS, "P" + i,
                        new RawPayment("P" + i, "C1", "2025-01-05T10:00:00Z", "1.00", "USD")));
            }
            assertThat(updatesOf(harness, key)).hasSize(299);
            assertThat(harness.registry().find("attribution.recomputes.deferred").counter().count()).isEqualTo(101.0);

            assertThat(harness.latestUpdates().get(key).revenue()).as("once the pause is over").isEqualTo("400.00");
            assertThat(updatesOf(harness, key)).hasSize(300);
            assertThat(harness.versionViolations()).isEmpty();
        }
    }

    @Test
    void aSmallCustomerIsRecomputedAtEveryChange() {
        try (TopologyHarness harness = firstContactOnly()) {
            harness.pipe(interactions("I", 98, SHARED, "2025-01-02T10:00:00Z"));
            harness.pipe(new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of(SHARED), List.of())));
            harness.pipe(interaction("J1", SHARED, "2025-01-03T10:00:00Z")); // 99 touchpoints: not paced
            harness.pipe(interaction("J2", SHARED, "2025-01-04T10:00:00Z")); // 100: paced from here on
            harness.pipe(interaction("J3", SHARED, "2025-01-05T10:00:00Z"));

            assertThat(updatesOf(harness, KEY)).extracting(r -> r.value().touchpoints().size())
                    .containsExactly(98, 99, 100);
            assertThat(harness.latestUpdates().get(KEY).touchpoints()).hasSize(101);
            assertThat(harness.latestUpdates().get(KEY).version()).isEqualTo(4);
        }
    }

    @Test
    void thePauseGrowsWithTheTouchpointsAndZeroTurnsItOff() {
        Pacing pacing = Pacing.DEFAULT;
        assertThat(pacing.recomputePauseMillis(99)).isZero();
        assertThat(pacing.recomputePauseMillis(100)).isEqualTo(10_000);
        assertThat(pacing.recomputePauseMillis(400)).isEqualTo(40_000);
        assertThat(pacing.recomputePauseMillis(5_000)).as("at most 60 s").isEqualTo(60_000);
        assertThat(new Pacing(Duration.ofSeconds(1), Duration.ZERO, 100).recomputePauseMillis(1_000)).isZero();
        assertThatThrownBy(() -> new Pacing(Duration.ofSeconds(1), Duration.ofMillis(-1), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThat(new Pacing(Duration.ofSeconds(1), Duration.ofNanos(100_000), 100).recomputePauseMillis(100_000))
                .as("a pace under a millisecond still adds up").isEqualTo(10_000);
        assertThat(pacing.pacesConversions(999)).isFalse();
        assertThat(pacing.pacesConversions(1_000)).isTrue();
        assertThatThrownBy(() -> pacing.withConversionsPacedFrom(99)).isInstanceOf(IllegalArgumentException.class);
    }

    private static TopologyHarness firstContactOnly() {
        return new TopologyHarness(AttributionSettings.defaults().withTypes(List.of(ConversionType.FIRST_CONTACT)));
    }

    private static List<TestRecord<String, AttributionUpdate>> updatesOf(TopologyHarness harness, String key) {
        return harness.updatesSoFar().stream().filter(r -> r.key().equals(key)).toList();
    }

    private static List<FactRecord> interactions(String prefix, int count, String phone, String at) {
        List<FactRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(interaction(String.format("%s%03d", prefix, i), phone, at));
        }
        return records;
    }

    private static FactRecord interaction(String id, String phone, String at) {
        return new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, "call", at, "tv", null, phone, null, null));
    }
}
