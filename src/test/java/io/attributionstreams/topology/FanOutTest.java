package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shared identifier (a call-centre number) is linear, not quadratic: a new interaction on it
 * emits one link per claiming customer; a new claimant receives the waiting interactions in
 * batches, so it recomputes at most once per batch, not once per interaction.
 */
class FanOutTest {
    private static final String SHARED = "(312) 555-0147";

    @Test
    void oneInteractionOnANumberClaimedByAThousandCustomers() {
        try (TopologyHarness harness = new TopologyHarness(
                AttributionSettings.defaults().withTypes(List.of(ConversionType.FIRST_CONTACT)))) {
            List<FactRecord> customers = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String id = "C" + i;
                customers.add(new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id, List.of(SHARED), List.of())));
            }
            harness.pipe(customers);

            harness.pipe(new FactRecord(FactFile.INTERACTIONS, "I1",
                    new RawInteraction("I1", "call", "2025-01-02T10:00:00Z", "tv", null, SHARED, null, null)));

            assertThat(harness.latestUpdates()).hasSize(1_000);
            assertThat(harness.allUpdates()).hasSize(1_000);
            DistributionSummary fanOut = harness.registry().find("attribution.identity.fanout").summary();
            assertThat(fanOut.max()).isEqualTo(1_000.0);
            assertThat(harness.latestTotals().get("FIRST_CONTACT|daily_split|tv").customers()).isEqualTo(1_000);
        }
    }

    @Test
    void aNewClaimantReceivesWaitingInteractionsInBatches() {
        try (TopologyHarness harness = new TopologyHarness(
                AttributionSettings.defaults().withTypes(List.of(ConversionType.FIRST_CONTACT)))) {
            List<FactRecord> interactions = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                String id = String.format("I%03d", i);
                interactions.add(new FactRecord(FactFile.INTERACTIONS, id,
                        new RawInteraction(id, "call", "2025-01-02T10:00:00Z", "tv", null, SHARED, null, null)));
            }
            harness.pipe(interactions);

            harness.pipe(new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of(SHARED), List.of())));

            // 450 waiting interactions arrive in 3 link events (200, 200, 50): the first is recomputed at once;
            // with 200 touchpoints the customer is then paced, so the other two wait and are recomputed together
            assertThat(harness.latestUpdates().get("C1|FIRST_CONTACT|daily_split").touchpoints()).hasSize(450);
            assertThat(harness.latestUpdates().get("C1|FIRST_CONTACT|daily_split").version()).isEqualTo(2);
            assertThat(harness.registry().find("attribution.recomputes.deferred").counter().count()).isEqualTo(2.0);
            assertThat(harness.registry().find("attribution.identity.fanout").summary().max()).isEqualTo(450.0);
        }
    }
}
