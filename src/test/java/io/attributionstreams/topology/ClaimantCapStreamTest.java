package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.batch.GuardrailSettings;
import io.attributionstreams.batch.Guardrails;
import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.testsupport.BatchOracle;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.Golden;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.testsupport.TopologyHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claimant cap in the streaming app (docs/contract.md §10): an identifier more than K customers
 * claim links none of them, whatever the order its claims came in, and links again once claims drop
 * back to K; {@code attribution-identity-capped} holds what batch's {@code capped.csv} holds, keyed by
 * the same pseudonyms. Every case is checked against the batch engine on the final facts.
 */
class ClaimantCapStreamTest {
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults();
    /** Two targets a record or a punctuation: every fan-out of more is spread over punctuations. */
    private static final Pacing SMALL_BUDGET = new Pacing(Duration.ofSeconds(1), Duration.ofMillis(100), 100,
            Pacing.DEFAULT_CONVERSIONS_PACE_FROM, 2, Duration.ofMillis(50));

    private static IdentityOptions capped(int k) {
        return IdentityOptions.pseudonymised(TestPseudonyms.values()).withMaxClaimants(k);
    }

    private static Guardrails batchCap(int k) {
        return new GuardrailSettings(null, k, null, TestPseudonyms.keyFile()).load("US");
    }

    @Test
    void theGuardrailsExampleInFourOrdersEqualsBatchWithTheSameCapAndBlockedFile(@TempDir Path tmp)
            throws IOException {
        Path blocked = Golden.input("guardrails").resolve("blocked.txt");
        IdentityOptions options = capped(3).withBlocked(BlockedIdentifiers.parse(
                Files.readAllLines(blocked, StandardCharsets.UTF_8), new Phones("US"), "blocked"));
        Guardrails batch = new GuardrailSettings(blocked, 3, null, TestPseudonyms.keyFile()).load("US");
        List<FactRecord> facts = FactRecord.read(Golden.input("guardrails"));
        List<UnaryOperator<List<FactRecord>>> orders = List.of(r -> r, FactRecord::reversed,
                r -> FactRecord.shuffled(r, new Random(1)), r -> FactRecord.shuffled(r, new Random(2)));
        for (int i = 0; i < orders.size(); i++) {
            List<FactRecord> sent = orders.get(i).apply(facts);
            try (TopologyHarness harness = new TopologyHarness(SETTINGS, SMALL_BUDGET, options)) {
                harness.pipe(sent);
                assertThat(harness.latestCapped()).as("the example caps a shared number").isNotEmpty();
                BatchOracle.assertConvergesToBatch(tmp.resolve("order-" + i), SETTINGS, batch, sent, harness);
            }
        }
    }

    /**
     * Ten customers whose versions add and drop three shared numbers, so each number's claims cross a
     * cap of 3 and come back, over and over; interactions that move between numbers; twelve random
     * orders, with punctuations (deferred fan-outs, at two targets each) between records.
     */
    @Test
    void claimsCrossingTheCapAndComingBackConvergeToBatchInRandomOrders(@TempDir Path tmp) {
        Random facts = new Random(20_261_129);
        List<FactRecord> history = sharedNumberHistory(facts);
        for (int seed = 0; seed < 12; seed++) {
            List<FactRecord> sent = FactRecord.shuffled(history, new Random(seed));
            try (TopologyHarness harness = new TopologyHarness(SETTINGS, SMALL_BUDGET, capped(3))) {
                for (int i = 0; i < sent.size(); i++) {
                    harness.pipe(sent.get(i));
                    if (i % 7 == 6) {
                        harness.advanceWallClock(SMALL_BUDGET.fanOutInterval());
                    }
                }
                BatchOracle.assertConvergesToBatch(tmp.resolve("seed-" + seed), SETTINGS, batchCap(3), sent,
                        harness);
            }
        }
    }

    /** Generated data with switchboard numbers (messy formats, upserts, bad rows), shuffled, capped at 8. */
    @Test
    void generatedSwitchboardsShuffledConvergeToBatch(@TempDir Path tmp) throws IOException {
        ZoneId zone = ZoneId.of("America/New_York");
        AttributionSettings settings = AttributionSettings.defaults().withZone(zone);
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(300, 3_000, 7, 0.05, zone, 4)).writeTo(input);
        List<FactRecord> sent = FactRecord.shuffled(FactRecord.read(input), new Random(3));
        try (TopologyHarness harness = new TopologyHarness(settings, SMALL_BUDGET, capped(8))) {
            for (int i = 0; i < sent.size(); i++) {
                harness.pipe(sent.get(i));
                if (i % 50 == 49) {
                    harness.advanceWallClock(SMALL_BUDGET.fanOutInterval());
                }
            }
            assertThat(harness.latestCapped()).as("switchboards are capped").hasSizeGreaterThanOrEqualTo(2);
            BatchOracle.assertConvergesToBatch(tmp.resolve("out"), settings, batchCap(8), sent, harness);
        }
    }

    /**
     * Exact: three customers claim a number with a cap of 2, so it links none of them and is reported
     * with 3 claimants; one drops it, so it links the other two again and its report is tombstoned.
     */
    @Test
    void aCappedNumberLinksNobodyIsReportedAndLinksAgainWhenAClaimantDropsIt() {
        String shared = "201-555-0100";
        String pseudonym = Pseudonyms.withKey(TestPseudonyms.KEY.getBytes(StandardCharsets.UTF_8)).of(Identifiers.phone("+12015550100"));
        try (TopologyHarness harness = new TopologyHarness(SETTINGS, SMALL_BUDGET, capped(2))) {
            for (String c : List.of("C1", "C2", "C3")) {
                harness.pipe(customer(c, shared, c.toLowerCase() + "@example.com"));
                harness.pipe(new FactRecord(FactFile.PAYMENTS, "P" + c, new RawPayment("P" + c, c, "2025-02-01",
                        "10.00", "USD")));
            }
            harness.pipe(new FactRecord(FactFile.INTERACTIONS, "I1", new RawInteraction("I1", "call",
                    "2025-01-05T10:00:00Z", "radio", null, "+1 201 555 0100", null, null)));
            assertThat(harness.latestCapped()).containsExactly(java.util.Map.entry(pseudonym, 3L));
            assertThat(harness.latestUpdates()).isEmpty();
            assertThat(counter(harness, "attribution.identity.capped")).isEqualTo(1.0);

            harness.pipe(customer("C3", null, "c3@example.com"));
            assertThat(harness.latestCapped()).isEmpty();
            assertThat(harness.latestUpdates()).containsOnlyKeys("C1|FIRST_PAID|daily_split",
                    "C1|FIRST_CONTACT|daily_split", "C2|FIRST_PAID|daily_split", "C2|FIRST_CONTACT|daily_split");
            assertThat(harness.latestUpdates().get("C1|FIRST_PAID|daily_split").touchpoints())
                    .extracting(t -> t.interactionId()).containsExactly("I1");
            assertThat(counter(harness, "attribution.identity.uncapped")).isEqualTo(1.0);

            // over again: the answers go, the report comes back
            harness.pipe(customer("C3", shared, "c3@example.com"));
            assertThat(harness.latestCapped()).containsExactly(java.util.Map.entry(pseudonym, 3L));
            assertThat(harness.latestUpdates()).isEmpty();
            assertThat(harness.versionViolations()).isEmpty();
        }
    }

    private static double counter(TopologyHarness harness, String name) {
        return harness.registry().get(name).counter().count();
    }

    private static FactRecord customer(String id, String phone, String email) {
        return new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id,
                phone == null ? List.of() : List.of(phone), List.of(email)));
    }

    private static List<FactRecord> sharedNumberHistory(Random random) {
        String[] shared = {"201-555-0100", "(201) 555-0101", "+1 201 555 0102"};
        List<FactRecord> records = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            String id = "C" + c;
            String own = String.format("646-42%d-77%02d", c, c);
            for (int version = 0; version < 3; version++) {
                List<String> phones = new ArrayList<>();
                phones.add(own);
                for (String number : shared) {
                    if (random.nextDouble() < 0.4) {
                        phones.add(number);
                    }
                }
                records.add(new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id, phones,
                        List.of("u" + c + "@example.com"))));
            }
            records.add(new FactRecord(FactFile.PAYMENTS, "P" + c, new RawPayment("P" + c, id, "2025-03-0" + (1 + c % 9),
                    (10 + c) + ".00", "USD")));
        }
        Instant start = Instant.parse("2025-01-01T09:00:00Z");
        String[] channels = {"radio", "search", "tv", "social"};
        for (int i = 0; i < 30; i++) {
            String id = "I" + i;
            for (int version = 0; version < 2; version++) {
                int pick = random.nextInt(6);
                String phone = pick < 3 ? shared[pick] : pick == 3 ? String.format("646-42%d-77%02d", i % 10, i % 10)
                        : null;
                String email = pick >= 4 ? "u" + random.nextInt(10) + "@example.com" : null;
                records.add(new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, "call",
                        start.plus(Duration.ofHours(i * 13L + version)).toString(), channels[random.nextInt(4)], null,
                        phone, email, null)));
            }
        }
        return records;
    }
}
