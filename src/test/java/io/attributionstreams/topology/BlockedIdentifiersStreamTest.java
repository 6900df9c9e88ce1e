package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.batch.GuardrailSettings;
import io.attributionstreams.batch.Guardrails;
import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.testsupport.BatchOracle;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.Golden;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.outputs.DeadLetters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocked identifiers in the streaming app (docs/contract.md §10): a blocked phone or email links
 * nobody wherever it appears, the same as in batch, in any order of arrival; an interaction left with
 * nothing else is a dead letter with the batch reject's reason; the meter counts each blocked value.
 */
class BlockedIdentifiersStreamTest {
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults();
    private static final Path BLOCKED = Golden.input("guardrails").resolve("blocked.txt");

    private static IdentityOptions blockedOptions() throws IOException {
        return IdentityOptions.pseudonymised(TestPseudonyms.values()).withBlocked(BlockedIdentifiers.parse(
                Files.readAllLines(BLOCKED, StandardCharsets.UTF_8), new Phones("US"), "blocked"));
    }

    private static Guardrails batchGuardrails() {
        return new GuardrailSettings(BLOCKED, null, null, null).load("US");
    }

    @Test
    void inFileOrderReversedAndShuffledTheAnswerIsBatchsWithTheSameBlockedFile(@TempDir Path tmp) throws IOException {
        List<FactRecord> facts = FactRecord.read(Golden.input("guardrails"));
        List<UnaryOperator<List<FactRecord>>> orders = List.of(r -> r, FactRecord::reversed,
                r -> FactRecord.shuffled(r, new Random(1)), r -> FactRecord.shuffled(r, new Random(2)));
        for (int i = 0; i < orders.size(); i++) {
            List<FactRecord> sent = orders.get(i).apply(facts);
            try (TopologyHarness harness = new TopologyHarness(SETTINGS, blockedOptions())) {
                harness.pipe(sent);
                BatchOracle.assertConvergesToBatch(tmp.resolve("order-" + i), SETTINGS, batchGuardrails(), sent, harness);
            }
        }
    }

    @Test
    void aBlockedValueLinksNobodyAndAnInteractionWithNothingElseIsADeadLetter() {
        IdentityOptions switchboard = IdentityOptions.pseudonymised(TestPseudonyms.values())
                .withBlocked(BlockedIdentifiers.of(java.util.Set.of("+12015550100"), java.util.Set.of("test@test.com")));
        try (TopologyHarness harness = new TopologyHarness(SETTINGS, switchboard)) {
            harness.pipe(List.of(
                    new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of("201-555-0100", "201-555-0123"),
                            List.of("Test@Test.com"))),
                    new FactRecord(FactFile.CUSTOMERS, "C2", new RawCustomer("C2", List.of("(201) 555 0100"),
                            List.of("c2@example.com"))),
                    new FactRecord(FactFile.INTERACTIONS, "I1", new RawInteraction("I1", "email",
                            "2025-01-05T10:00:00Z", "newsletter", null, null, " TEST@test.com", null)),
                    new FactRecord(FactFile.INTERACTIONS, "I2", new RawInteraction("I2", "call",
                            "2025-01-06T10:00:00Z", "radio", null, "+1 201 555 0100", "c2@example.com", null)),
                    new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "C1", "2025-02-01", "10.00", "USD")),
                    new FactRecord(FactFile.PAYMENTS, "P2", new RawPayment("P2", "C2", "2025-02-01", "20.00", "USD"))))
                    .settle();
            assertThat(harness.deadLetters()).hasSize(1);
            assertThat(new String(harness.deadLetters().get(0).headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                    StandardCharsets.UTF_8)).isEqualTo("no usable identifier");
            // I2 reaches C2 by its email only; C1, who shares the blocked number, gets nothing from it
            assertThat(harness.latestUpdates()).containsKey("C2|FIRST_PAID|daily_split")
                    .doesNotContainKey("C1|FIRST_PAID|daily_split");
            assertThat(harness.latestUpdates().get("C2|FIRST_PAID|daily_split").touchpoints())
                    .extracting(t -> t.interactionId()).containsExactly("I2");
            // blocked: C1's phone and email, C2's phone, I1's email, I2's phone
            assertThat(harness.registry().get("attribution.normalise.blocked").counter().count()).isEqualTo(5.0);
        }
    }
}
