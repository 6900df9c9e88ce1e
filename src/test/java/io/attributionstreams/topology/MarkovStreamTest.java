package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.markov.Journey;
import io.attributionstreams.markov.RemovalEffects;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.markov.StoredJourney;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/contract.md §14 through the topology: the stored form of a path, and a path too wide for a chain. */
class MarkovStreamTest {
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults()
            .withTypes(List.of(ConversionType.FIRST_PAID))
            .withModels(CreditModels.named(List.of("linear"))).withMarkov(true);

    @Test
    void aStoredJourneyIsTheJourneyAgain() {
        Journey journey = Journey.of(ConversionType.FIRST_PAID, List.of("a", "a", "b", "a", "c"), true,
                BigInteger.valueOf(12_345));
        StoredJourney stored = StoredJourney.of(journey);

        assertThat(stored.channels()).containsExactly("a", "b", "c");
        assertThat(stored.path()).containsExactly(0, 1, 0, 2);
        assertThat(stored.journey()).isEqualTo(journey);
    }

    private static List<FactRecord> customer(String id, String phone, int channels, String paid) {
        List<FactRecord> facts = new ArrayList<>();
        facts.add(new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id, List.of(phone), List.of())));
        for (int i = 0; i < channels; i++) {
            String interaction = id + "-I" + i;
            facts.add(new FactRecord(FactFile.INTERACTIONS, interaction, new RawInteraction(interaction, "call",
                    String.format("2025-01-01T%02d:%02d:00Z", i / 60 % 24, i % 60), "ch" + i, null, phone, null,
                    null)));
        }
        facts.add(new FactRecord(FactFile.PAYMENTS, id + "-P", new RawPayment(id + "-P", id, paid, "100.00", "USD")));
        return facts;
    }

    @Test
    void aPathOverTheChannelLimitLeavesTheTypeWithoutMarkovRowsUntilItGoes() {
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(customer("C2", "2015550199", 2, "2025-01-03T00:00:00Z"));
            assertThat(harness.latestTotals()).containsKeys("FIRST_PAID|markov|ch0", "FIRST_PAID|markov|ch1");

            harness.pipe(customer("C1", "2015550123", RemovalEffects.MAX_CHANNELS + 1, "2025-01-03T00:00:00Z"));

            assertThat(harness.latestTotals().keySet()).noneMatch(k -> k.startsWith("FIRST_PAID|markov|"));
            assertThat(harness.latestTotals()).containsKey("FIRST_PAID|linear|ch500");

            harness.pipe(FactRecord.tombstone(FactFile.CUSTOMERS, "C1"));

            assertThat(harness.latestTotals().keySet().stream().filter(k -> k.startsWith("FIRST_PAID|markov|")))
                    .containsExactlyInAnyOrder("FIRST_PAID|markov|ch0", "FIRST_PAID|markov|ch1");
        }
    }
}
