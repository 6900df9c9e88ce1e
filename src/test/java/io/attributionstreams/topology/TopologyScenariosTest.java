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
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The traps of an incremental topology (docs/operations.md, "What makes it converge"), one scenario each,
 * with the exact records expected.
 */
class TopologyScenariosTest {
    private static final String PAID = "C1|FIRST_PAID|daily_split";
    private static final String CONTACT = "C1|FIRST_CONTACT|daily_split";

    private final TopologyHarness harness = new TopologyHarness(
            AttributionSettings.defaults().withTypes(List.of(ConversionType.FIRST_CONTACT, ConversionType.FIRST_PAID)));

    @AfterEach
    void close() {
        harness.close();
    }

    private static FactRecord customer(String id, List<String> phones, List<String> emails) {
        return new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id, phones, emails));
    }

    private static FactRecord interaction(String id, String at, String channel, String phone, String email,
            String customerId) {
        return new FactRecord(FactFile.INTERACTIONS, id,
                new RawInteraction(id, "call", at, channel, null, phone, email, customerId));
    }

    private static FactRecord payment(String id, String customerId, String at, String amount) {
        return new FactRecord(FactFile.PAYMENTS, id, new RawPayment(id, customerId, at, amount, "USD"));
    }

    private List<String> channelsOf(String key) {
        AttributionUpdate update = harness.latestUpdates().get(key);
        return update == null ? List.of() : update.touchpoints().stream().map(AttributionUpdate.Touchpoint::channel).toList();
    }

    @Test
    void identicalRepeatEmitsNothingAndChangesBumpTheVersionByOne() {
        FactRecord c1 = customer("C1", List.of("201-555-0123"), List.of());
        FactRecord i1 = interaction("I1", "2025-01-02T10:00:00Z", "tv", "(201) 555-0123", null, null);
        FactRecord p1 = payment("P1", "C1", "2025-01-05T00:00:00Z", "100.00");
        harness.pipe(List.of(c1, i1, p1));
        int emitted = harness.allUpdates().size();

        harness.pipe(List.of(c1, i1, p1, customer("C1", List.of("2015550123"), List.of())));

        assertThat(harness.allUpdates()).hasSize(emitted);
        assertThat(harness.latestUpdates().get(PAID).version()).isEqualTo(1);

        harness.pipe(interaction("I1", "2025-01-02T10:00:00Z", "radio", "(201) 555-0123", null, null));
        assertThat(harness.latestUpdates().get(PAID).version()).isEqualTo(2);
        assertThat(channelsOf(PAID)).containsExactly("radio");
        assertThat(harness.versionViolations()).isEmpty();
    }

    @Test
    void interactionsWaitAtAnIdentifierUntilACustomerClaimsIt() {
        harness.pipe(List.of(
                interaction("I1", "2025-01-02T10:00:00Z", "tv", "646-555-3890", null, null),
                interaction("I2", "2025-01-03T10:00:00Z", "radio", null, "ann@example.com", null),
                payment("P1", "C1", "2025-01-05T00:00:00Z", "90.00")));
        assertThat(harness.latestUpdates()).isEmpty();

        harness.pipe(customer("C1", List.of("+1 646 555 3890"), List.of("ANN@example.com ")));

        assertThat(channelsOf(PAID)).containsExactly("tv", "radio");
        assertThat(harness.latestUpdates().get(PAID).revenue()).isEqualTo("90.00");
        assertThat(harness.latestUpdates().get(PAID).touchpoints())
                .extracting(AttributionUpdate.Touchpoint::revenue).containsExactly("45.00", "45.00");
    }

    @Test
    void aTouchpointStaysWhileAnyLinkRemains() {
        harness.pipe(List.of(customer("C1", List.of("201-555-0123"), List.of("ann@example.com")),
                interaction("I1", "2025-01-02T10:00:00Z", "tv", "201-555-0123", "ann@example.com", null),
                interaction("I2", "2025-01-03T10:00:00Z", "radio", "201-555-0123", null, null)));
        assertThat(channelsOf(CONTACT)).containsExactly("tv", "radio");
        assertThat(harness.latestUpdates().get(CONTACT).version()).isEqualTo(2);

        harness.pipe(customer("C1", List.of(), List.of("ann@example.com")));

        assertThat(channelsOf(CONTACT)).containsExactly("tv");
        assertThat(harness.latestUpdates().get(CONTACT).version()).isEqualTo(3);
    }

    @Test
    void anInteractionMovingBetweenIdentifiersOfOneCustomerIsNeverLost() {
        harness.pipe(List.of(customer("C1", List.of("201-555-0123", "212-555-0199"), List.of()),
                interaction("I1", "2025-01-02T10:00:00Z", "tv", "201-555-0123", null, null)));
        harness.pipe(interaction("I1", "2025-01-02T10:00:00Z", "tv", "212-555-0199", null, null));

        assertThat(channelsOf(CONTACT)).containsExactly("tv");
        assertThat(harness.latestUpdates().get(CONTACT).version()).isEqualTo(1);
    }

    @Test
    void deletingACustomerTombstonesItsAnswersAndItsReturnContinuesTheVersions() {
        FactRecord c1 = customer("C1", List.of("201-555-0123"), List.of());
        harness.pipe(List.of(c1, interaction("I1", "2025-01-02T10:00:00Z", "tv", "201-555-0123", null, null),
                payment("P1", "C1", "2025-01-05T00:00:00Z", "100.00")));
        assertThat(harness.latestTotals()).containsKey("FIRST_PAID|daily_split|tv");

        harness.pipe(FactRecord.tombstone(FactFile.CUSTOMERS, "C1"));

        assertThat(harness.latestUpdates()).isEmpty();
        assertThat(harness.latestTotals()).isEmpty();
        var last = harness.allUpdates().get(harness.allUpdates().size() - 1);
        assertThat(last.value()).isNull();

        harness.pipe(c1);

        assertThat(harness.latestUpdates().get(PAID).version()).isEqualTo(2);
        assertThat(harness.latestUpdates().get(PAID).revenue()).isEqualTo("100.00");
        assertThat(harness.versionViolations()).isEmpty();
    }

    @Test
    void paymentsBeforeTheirCustomerCountOnceItExistsAndRefundsRestate() {
        harness.pipe(List.of(payment("P1", "C1", "2025-01-05T00:00:00Z", "100.00"),
                interaction("I1", "2025-01-02T10:00:00Z", "tv", null, null, "C1")));
        assertThat(harness.latestUpdates()).isEmpty();

        harness.pipe(customer("C1", List.of(), List.of()));
        assertThat(harness.latestUpdates().get(PAID).revenue()).isEqualTo("100.00");

        harness.pipe(payment("P2", "C1", "2025-02-01T00:00:00Z", "-30.00"));
        assertThat(harness.latestUpdates().get(PAID).revenue()).isEqualTo("70.00");
        assertThat(harness.latestUpdates().get(PAID).version()).isEqualTo(2);
        assertThat(harness.latestTotals().get("FIRST_PAID|daily_split|tv").revenue()).isEqualTo("70.00");
    }

    @Test
    void aPaymentMovingToAnotherCustomerLeavesTheFirst() {
        harness.pipe(List.of(customer("C1", List.of(), List.of()), customer("C2", List.of(), List.of()),
                interaction("I1", "2025-01-02T10:00:00Z", "tv", null, null, "C1"),
                interaction("I2", "2025-01-02T10:00:00Z", "radio", null, null, "C2"),
                payment("P1", "C1", "2025-01-05T00:00:00Z", "10.00")));
        assertThat(harness.latestUpdates()).containsKey(PAID);

        harness.pipe(payment("P1", "C2", "2025-01-05T00:00:00Z", "10.00"));

        assertThat(harness.latestUpdates()).doesNotContainKey(PAID).containsKey("C2|FIRST_PAID|daily_split");
        assertThat(harness.latestTotals()).doesNotContainKey("FIRST_PAID|daily_split|tv")
                .containsKey("FIRST_PAID|daily_split|radio");
    }

    @Test
    void aCustomerWithRevenueButNoEarlierTouchpointIsUnattributed() {
        harness.pipe(List.of(customer("C1", List.of(), List.of()),
                interaction("I1", "2025-03-02T10:00:00Z", "tv", null, null, "C1"),
                payment("P1", "C1", "2025-01-05T00:00:00Z", "55.00")));

        assertThat(harness.latestUpdates()).containsOnlyKeys(CONTACT);
        assertThat(harness.latestTotals().get("FIRST_PAID|daily_split|(unattributed)").revenue()).isEqualTo("55.00");

        // an earlier touchpoint arrives late: the revenue moves from (unattributed) to its channel
        harness.pipe(interaction("I0", "2025-01-01T10:00:00Z", "radio", null, null, "C1"));

        assertThat(harness.latestTotals()).doesNotContainKey("FIRST_PAID|daily_split|(unattributed)");
        assertThat(harness.latestTotals().get("FIRST_PAID|daily_split|radio").revenue()).isEqualTo("55.00");
        assertThat(channelsOf(PAID)).containsExactly("radio");
    }

    @Test
    void anAppointmentGainingAttendanceConvertsForAttendance() {
        try (TopologyHarness all = new TopologyHarness(AttributionSettings.defaults())) {
            all.pipe(List.of(customer("C1", List.of(), List.of()),
                    interaction("I1", "2025-01-02T10:00:00Z", "tv", null, null, "C1"),
                    new FactRecord(FactFile.APPOINTMENTS, "A1",
                            new RawAppointment("A1", "C1", "2025-01-03T10:00:00Z", null))));
            assertThat(all.latestUpdates()).containsKey("C1|FIRST_BOOKED|daily_split")
                    .doesNotContainKey("C1|FIRST_ATTENDED|daily_split");

            all.pipe(new FactRecord(FactFile.APPOINTMENTS, "A1",
                    new RawAppointment("A1", "C1", "2025-01-03T10:00:00Z", "2025-01-04T10:00:00Z")));

            assertThat(all.latestUpdates().get("C1|FIRST_ATTENDED|daily_split").conversionAt())
                    .isEqualTo("2025-01-04T10:00:00Z");
        }
    }
}
