package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.batch.GuardrailSettings;
import io.attributionstreams.batch.Guardrails;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.testsupport.BatchOracle;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.Golden;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.topology.erasure.ScanState;
import io.attributionstreams.topology.outputs.DeadLetters;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure in the streaming app (docs/contract.md §11): requests on {@code attribution-erasures} suppress
 * their subjects, whether they arrive before, between or after the facts they name; the final answers
 * and channel totals are batch's with the same erasures ({@code batch --erasures}); what is dropped is
 * counted, never dead-lettered; and the suppressions hold pseudonyms only.
 */
class ErasureStreamTest {
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults();
    private static final Pseudonyms KEY = Pseudonyms.withKey(TestPseudonyms.KEY.getBytes(StandardCharsets.UTF_8));

    /** An erasure request, as a step among fact records. */
    private record Request(String id, String json) {
    }

    /** Two customers who share nothing: C1 reached by phone, email and id, C2 by phone. */
    private static List<FactRecord> twoCustomers() {
        return List.of(
                new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of("201-555-0101"),
                        List.of("one@example.com"))),
                new FactRecord(FactFile.CUSTOMERS, "C2", new RawCustomer("C2", List.of("201-555-0202"),
                        List.of("two@example.com"))),
                interaction("I1", "call", "2025-01-05T10:00:00Z", "radio", "+1 201 555 0101", null, null),
                interaction("I2", "form", "2025-01-06T10:00:00Z", "web", null, "ONE@example.com", null),
                interaction("I3", "visit", "2025-01-07T10:00:00Z", "tv", null, null, "C1"),
                interaction("I4", "call", "2025-01-05T10:00:00Z", "radio", "(201) 555-0202", null, null),
                new FactRecord(FactFile.APPOINTMENTS, "A1", new RawAppointment("A1", "C1", "2025-01-20T10:00:00Z",
                        "2025-01-21T10:00:00Z")),
                new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "C1", "2025-02-01", "100.00", "USD")),
                new FactRecord(FactFile.PAYMENTS, "P2", new RawPayment("P2", "C2", "2025-02-01", "50.00", "USD")));
    }

    private static FactRecord interaction(String id, String type, String at, String channel, String phone,
            String email, String customerId) {
        return new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, type, at, channel, null, phone, email,
                customerId));
    }

    private static final Request ERASE_C1 = new Request("R1",
            "{\"customer_id\":\"C1\",\"phones\":[\"(201) 555-0101\"],\"emails\":[\" One@Example.com \"]}");

    private static TopologyHarness send(TopologyHarness harness, List<?> steps) {
        for (Object step : steps) {
            if (step instanceof Request r) {
                harness.pipeErasure(r.id(), r.json());
            } else {
                harness.pipe((FactRecord) step);
            }
        }
        return harness;
    }

    private static List<Object> with(List<FactRecord> facts, int at, List<Request> requests) {
        List<Object> steps = new ArrayList<>(facts);
        steps.addAll(Math.min(at, steps.size()), requests);
        return steps;
    }

    private static Map<String, ChannelTotalRecord> paidTotals(TopologyHarness harness) {
        return harness.latestTotals().values().stream()
                .filter(t -> t.conversionType().equals("FIRST_PAID"))
                .collect(Collectors.toMap(ChannelTotalRecord::channel, t -> t, (a, b) -> a, TreeMap::new));
    }

    @Test
    void erasingACustomerByIdPhoneAndEmailTombstonesItsAnswersAndTakesItsTouchpointsOutOfTheTotals() {
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            send(harness, twoCustomers()).settle();
            Map<String, AttributionUpdate> before = Map.copyOf(harness.latestUpdates());
            assertThat(before.keySet()).anyMatch(k -> k.startsWith("C1|")).anyMatch(k -> k.startsWith("C2|"));
            assertThat(before.get("C1|FIRST_PAID|daily_split").touchpoints()).hasSize(3);
            assertThat(paidTotals(harness).keySet()).containsExactly("radio", "tv", "web");

            send(harness, List.of(ERASE_C1)).settle();

            Map<String, AttributionUpdate> after = harness.latestUpdates();
            assertThat(after.keySet()).noneMatch(k -> k.startsWith("C1|"));
            Map<String, AttributionUpdate> c2Before = before.entrySet().stream().filter(e -> e.getKey().startsWith("C2|"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(after).isEqualTo(c2Before); // C2's answers are not even restated
            Map<String, ChannelTotalRecord> paid = paidTotals(harness);
            assertThat(paid.keySet()).containsExactly("radio");
            ChannelTotalRecord radio = paid.get("radio");
            assertThat(radio.revenue()).isEqualTo("50.00");
            assertThat(radio.credit()).isEqualByComparingTo(BigDecimal.ONE);
            assertThat(radio.touchpoints()).isEqualTo(1);
            assertThat(radio.customers()).isEqualTo(1);
            assertThat(harness.latestTotals().values()).noneMatch(t -> t.channel().equals("tv") || t.channel().equals("web"));
            assertThat(harness.versionViolations()).isEmpty();
            assertThat(harness.deadLetters()).isEmpty();
            // C1, I1, I2, I3, A1, P1: all left with nothing but suppressed subjects
            assertThat(harness.registry().get(TopologyMetrics.ERASURE_SUPPRESSED).counter().count()).isEqualTo(6.0);
            assertThat(harness.registry().get(TopologyMetrics.ERASURE_REQUESTS).counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void beforeAfterOrBetweenTheFactsTheAnswerIsBatchsWithTheSameErasures(@TempDir Path tmp) throws IOException {
        List<FactRecord> facts = twoCustomers();
        Path erasures = Files.writeString(tmp.resolve("erasures.csv"),
                "customer_id,phone,email\nC1,(201) 555-0101,one@example.com\n");
        Guardrails batch = new GuardrailSettings(null, null, erasures, null).load("US");
        for (int at = 0; at <= facts.size(); at++) {
            try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
                send(harness, with(facts, at, List.of(ERASE_C1)));
                BatchOracle.assertConvergesToBatch(tmp.resolve("at-" + at), SETTINGS, batch, facts, harness);
                assertThat(harness.latestUpdates().keySet()).as("erasure at " + at).noneMatch(k -> k.startsWith("C1|"));
            }
        }
    }

    /** The guardrails example: its blocked file and its erasures, the facts in several orders, the requests anywhere. */
    @Test
    void theGuardrailsExampleWithItsErasuresInAnyOrderIsBatchsWithTheSameFiles(@TempDir Path tmp) throws IOException {
        Path input = Golden.input("guardrails");
        Path blocked = input.resolve("blocked.txt");
        IdentityOptions options = IdentityOptions.pseudonymised(TestPseudonyms.values()).withBlocked(
                BlockedIdentifiers.parse(Files.readAllLines(blocked, StandardCharsets.UTF_8), new Phones("US"), "blocked"));
        Guardrails batch = new GuardrailSettings(blocked, null, input.resolve("erasures.csv"), null).load("US");
        List<Request> requests = requestsOf(input.resolve("erasures.csv"));
        assertThat(requests).hasSize(2);
        List<FactRecord> facts = FactRecord.read(input);
        List<UnaryOperator<List<FactRecord>>> orders = List.of(r -> r, FactRecord::reversed,
                r -> FactRecord.shuffled(r, new Random(1)), r -> FactRecord.shuffled(r, new Random(2)));
        Random where = new Random(14);
        for (int i = 0; i < orders.size(); i++) {
            List<FactRecord> sent = orders.get(i).apply(facts);
            int[] positions = {0, sent.size() / 2, sent.size(), where.nextInt(sent.size())};
            for (int p = 0; p < positions.length; p++) {
                List<Object> steps = with(sent, positions[p], List.of(requests.get(0)));
                steps.add(Math.min(where.nextInt(sent.size()), steps.size()), requests.get(1));
                try (TopologyHarness harness = new TopologyHarness(SETTINGS, options)) {
                    send(harness, steps);
                    BatchOracle.assertConvergesToBatch(tmp.resolve("order-" + i + "-" + p), SETTINGS, batch, sent,
                            harness);
                    // no store keeps the erased customer's id, nor the pseudonyms of the erased values
                    assertThat(heldBy(harness, ERASED_IN_GUARDRAILS)).isEmpty();
                    assertThat(harness.deadLetters()).as("dead letters").allSatisfy(d ->
                            assertThat(d.key() == null ? "" : new String(d.key(), StandardCharsets.UTF_8))
                                    .doesNotStartWith("GE"));
                }
            }
        }
    }

    /**
     * The revisions example (updates, deletes, moves) with three of its customers erased whole, and a phone
     * alone, the requests at random places: batch's answer every time.
     */
    @Test
    void revisedFactsWithErasuresAtRandomPlacesAreBatchsWithTheSameErasures(@TempDir Path tmp) throws IOException {
        Path input = Golden.input("revisions");
        List<FactRecord> facts = FactRecord.read(input);
        Phones phones = new Phones("US");
        List<Request> requests = new ArrayList<>();
        StringBuilder csv = new StringBuilder("customer_id,phone,email\n");
        List<RawCustomer> customers = facts.stream().filter(f -> f.file() == FactFile.CUSTOMERS && f.value() != null)
                .map(f -> (RawCustomer) f.value()).filter(c -> c.phones() != null && !c.phones().isEmpty()).toList();
        for (RawCustomer c : List.of(customers.get(1), customers.get(5), customers.get(9))) {
            List<String> valid = c.phones().stream().filter(p -> p != null && phones.normalise(p) != null).toList();
            List<String> emails = c.emails() == null ? List.of() : c.emails().stream().filter(e -> e != null
                    && io.attributionstreams.normalise.Emails.normalise(e) != null).toList();
            requests.add(new Request("R-" + c.customerId(), "{\"customer_id\":" + quote(c.customerId()) + ",\"phones\":"
                    + array(valid) + ",\"emails\":" + array(emails) + "}"));
            csv.append(cell(c.customerId())).append(",,\n");
            valid.forEach(p -> csv.append(",").append(cell(p)).append(",\n"));
            emails.forEach(e -> csv.append(",,").append(cell(e)).append("\n"));
        }
        String lonePhone = facts.stream().filter(f -> f.file() == FactFile.INTERACTIONS && f.value() != null)
                .map(f -> ((RawInteraction) f.value()).phone()).filter(p -> p != null && phones.normalise(p) != null)
                .skip(7).findFirst().orElseThrow();
        requests.add(new Request("R-phone", "{\"phones\":[" + quote(lonePhone) + "]}"));
        csv.append(",").append(cell(lonePhone)).append(",\n");
        Path erasures = Files.writeString(tmp.resolve("erasures.csv"), csv);
        Guardrails batch = new GuardrailSettings(null, null, erasures, null).load("US");
        Random random = new Random(2026);
        for (int round = 0; round < 4; round++) {
            List<FactRecord> sent = round == 0 ? facts : FactRecord.shuffled(facts, random);
            List<Object> steps = new ArrayList<>(sent);
            for (Request r : requests) {
                steps.add(random.nextInt(steps.size() + 1), r);
            }
            try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
                send(harness, steps);
                BatchOracle.assertConvergesToBatch(tmp.resolve("round-" + round), SETTINGS, batch, sent, harness);
            }
        }
    }

    /** More kept facts than a punctuation reads: the scan goes on a budget at a time, from where it stood. */
    @Test
    void aScanOverMoreFactsThanItsBudgetTakesSeveralPunctuationsAndMissesNone(@TempDir Path tmp) throws IOException {
        List<FactRecord> facts = new ArrayList<>(List.of(
                new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of("201-555-0101"), List.of())),
                new FactRecord(FactFile.CUSTOMERS, "C2", new RawCustomer("C2", List.of(), List.of("two@example.com"))),
                new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "C1", "2025-06-01", "10.00", "USD")),
                new FactRecord(FactFile.PAYMENTS, "P2", new RawPayment("P2", "C2", "2025-06-01", "20.00", "USD"))));
        int count = Erasure.SCAN_BUDGET * 2 + 500;
        for (int i = 0; i < count; i++) {
            String at = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * i).toString();
            facts.add(i % 3 == 0 ? interaction(String.format("I%05d", i), "call", at, "radio", "201-555-0101", null, null)
                    : interaction(String.format("I%05d", i), "form", at, i % 3 == 1 ? "web" : "tv", null,
                            "two@example.com", i % 7 == 0 ? "C1" : null));
        }
        Path erasures = Files.writeString(tmp.resolve("erasures.csv"), "customer_id,phone,email\n,2015550101,\n");
        Guardrails batch = new GuardrailSettings(null, null, erasures, null).load("US");
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            send(harness, facts).settle();
            harness.pipeErasure("R1", "{\"phones\":[\"201-555-0101\"]}");
            KeyValueStore<String, ScanState> scans = harness.driver().getKeyValueStore(Names.ERASURE_SCANS);
            int punctuations = 0;
            long started = System.nanoTime();
            do {
                harness.advanceWallClock(Erasure.SCAN_INTERVAL);
                punctuations++;
            } while (scans.get(Names.INTERACTION_VERSIONS) != null);
            System.out.printf("MEASURE scan of %d interactions: %d punctuations, %.1f ms%n", count, punctuations,
                    (System.nanoTime() - started) / 1e6);
            assertThat(punctuations).isEqualTo(3);
            BatchOracle.assertConvergesToBatch(tmp.resolve("scan"), SETTINGS, batch, facts, harness);
            // the interactions on the phone alone are dropped, those that also name C1 keep C1
            assertThat(harness.registry().get(TopologyMetrics.ERASURE_SUPPRESSED).counter().count())
                    .isEqualTo((count + 2) / 3);

            // a request that names no kept value: a full scan that changes nothing, and costs only its reads
            int updates = harness.updatesSoFar().size();
            harness.pipeErasure("R2", "{\"phones\":[\"201-555-0999\"]}");
            started = System.nanoTime();
            punctuations = 0;
            do {
                harness.advanceWallClock(Erasure.SCAN_INTERVAL);
                punctuations++;
            } while (scans.get(Names.INTERACTION_VERSIONS) != null);
            System.out.printf("MEASURE scan of %d kept facts changing none: %d punctuations, %.1f ms%n",
                    facts.size(), punctuations, (System.nanoTime() - started) / 1e6);
            assertThat(harness.updatesSoFar()).hasSize(updates);
        }
    }

    @Test
    void aPhoneTwoCustomersClaimLosesOnlyItsOwnLinks(@TempDir Path tmp) throws IOException {
        List<FactRecord> facts = List.of(
                new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of("201-555-0100"),
                        List.of("c1@example.com"))),
                new FactRecord(FactFile.CUSTOMERS, "C2", new RawCustomer("C2", List.of("201-555-0100"),
                        List.of("c2@example.com"))),
                interaction("I1", "call", "2025-01-05T10:00:00Z", "radio", "201 555 0100", null, null),
                interaction("I2", "form", "2025-01-06T10:00:00Z", "web", null, "c1@example.com", null),
                interaction("I3", "form", "2025-01-07T10:00:00Z", "tv", null, "c2@example.com", null),
                new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "C1", "2025-02-01", "10.00", "USD")),
                new FactRecord(FactFile.PAYMENTS, "P2", new RawPayment("P2", "C2", "2025-02-01", "20.00", "USD")));
        Request phone = new Request("R1", "{\"phones\":[\"+12015550100\"]}");
        Path erasures = Files.writeString(tmp.resolve("erasures.csv"), "customer_id,phone,email\n,2015550100,\n");
        Guardrails batch = new GuardrailSettings(null, null, erasures, null).load("US");
        for (int at : new int[] {0, 3, facts.size()}) {
            try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
                send(harness, with(facts, at, List.of(phone)));
                assertThat(harness.latestUpdates().get("C1|FIRST_PAID|daily_split").touchpoints())
                        .extracting(AttributionUpdate.Touchpoint::interactionId).containsExactly("I2");
                assertThat(harness.latestUpdates().get("C2|FIRST_PAID|daily_split").touchpoints())
                        .extracting(AttributionUpdate.Touchpoint::interactionId).containsExactly("I3");
                BatchOracle.assertConvergesToBatch(tmp.resolve("at-" + at), SETTINGS, batch, facts, harness);
                // I1: its only identifier is the phone
                assertThat(harness.registry().get(TopologyMetrics.ERASURE_SUPPRESSED).counter().count()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void anInteractionWhoseOnlyIdentifierIsErasedIsDroppedAndCountedNotDeadLettered() {
        List<FactRecord> facts = List.of(
                new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of(), List.of("c1@example.com"))),
                interaction("I1", "form", "2025-01-05T10:00:00Z", "web", null, "c1@example.com", null),
                interaction("I2", "call", "2025-01-06T10:00:00Z", "radio", "201-555-0199", "C1@example.com", null),
                new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "C1", "2025-02-01", "10.00", "USD")));
        Request email = new Request("R1", "{\"emails\":[\"c1@example.com\"]}");
        for (int at : new int[] {0, facts.size()}) {
            try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
                send(harness, with(facts, at, List.of(email))).settle();
                assertThat(harness.deadLetters()).isEmpty();
                // I1 is left with nothing but the erased email: dropped, counted; I2 keeps its phone (no one's)
                assertThat(harness.registry().get(TopologyMetrics.ERASURE_SUPPRESSED).counter().count())
                        .as("erasure at " + at).isEqualTo(1.0);
                AttributionUpdate paid = harness.latestUpdates().get("C1|FIRST_PAID|daily_split");
                assertThat(paid == null ? List.of() : paid.touchpoints()).isEmpty();
                KeyValueStore<String, Object> versions = harness.driver().getKeyValueStore(Names.INTERACTION_VERSIONS);
                assertThat(String.valueOf(versions.get("I1"))).as("I1 is kept as deleted, if at all")
                        .matches("null|Versioned\\[fact=null, revision=\\d+\\]");
            }
        }
    }

    @Test
    void aPseudonymInTheRequestErasesLikeTheValueItself() {
        String phone = KEY.of(Identifiers.phone("+12015550101"));
        String email = KEY.of(Identifiers.email("one@example.com"));
        String customer = KEY.of(Identifiers.customer("C1"));
        Request byPseudonym = new Request("R1", "{\"pseudonyms\":[\"" + phone + "\",\"" + email + "\",\" " + customer
                + " \"]}");
        for (int at : new int[] {0, twoCustomers().size()}) {
            try (TopologyHarness raw = new TopologyHarness(SETTINGS);
                    TopologyHarness pseudonymous = new TopologyHarness(SETTINGS)) {
                send(raw, with(twoCustomers(), at, List.of(ERASE_C1)));
                send(pseudonymous, with(twoCustomers(), at, List.of(byPseudonym)));
                assertThat(pseudonymous.latestUpdates()).isEqualTo(raw.latestUpdates()).isNotEmpty();
                assertThat(pseudonymous.latestTotals()).isEqualTo(raw.latestTotals());
                assertThat(pseudonymous.suppressionRecords()).extracting(r -> r.key())
                        .containsExactlyInAnyOrder(phone, email, customer);
            }
        }
    }

    @Test
    void aRequestWithNothingValidIsADeadLetterWhoseReasonNamesNoValue() {
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            send(harness, twoCustomers());
            harness.pipeErasure("R1", "{\"phones\":[\"555-01\"],\"emails\":[\"not-an-email\"],\"pseudonyms\":[\"short\"],"
                    + "\"customer_id\":\"  \"}");
            harness.pipeErasure("R2", "{\"phones\": \"201-555-0101\"");
            harness.pipeErasure("R3", "{}");
            harness.pipeErasure("R4", null); // a withdrawn request changes nothing
            harness.settle();
            List<String> reasons = harness.deadLetters().stream().map(d -> new String(d.headers()
                    .lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8)).toList();
            assertThat(reasons).hasSize(3);
            assertThat(reasons.get(0)).isEqualTo("no valid subject to erase");
            assertThat(reasons.get(1)).startsWith("unreadable record");
            assertThat(reasons.get(2)).isEqualTo("no valid subject to erase");
            assertThat(reasons).noneMatch(r -> r.contains("555") || r.contains("not-an-email") || r.contains("short"));
            // nor the value: a request names the very values to forget; its key says which one it was
            assertThat(harness.deadLetters()).allSatisfy(d -> assertThat(d.value()).isNull())
                    .extracting(d -> new String(d.key(), StandardCharsets.UTF_8)).containsExactly("R1", "R2", "R3");
            assertThat(harness.suppressionRecords()).isEmpty();
            assertThat(harness.latestUpdates().keySet()).anyMatch(k -> k.startsWith("C1|"));
            assertThat(harness.registry().get(TopologyMetrics.ERASURE_REQUESTS).counter().count()).isEqualTo(4.0);
        }
    }

    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern ERASED_IN_GUARDRAILS = Pattern.compile("\\bGE\\b|" + String.join("|",
            KEY.of(Identifiers.phone("+14155550198")), KEY.of(Identifiers.email("erase.me@example.com")),
            KEY.of(Identifiers.phone("+16465550111"))).replace("-", "\\-"));

    @Test
    void theSuppressionsHoldPseudonymsOnlyAndNoStoreKeepsTheErasedCustomer() {
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            send(harness, twoCustomers()).settle();
            send(harness, List.of(ERASE_C1)).settle();
            Set<String> expected = Set.of(KEY.of(Identifiers.customer("C1")), KEY.of(Identifiers.phone("+12015550101")),
                    KEY.of(Identifiers.email("one@example.com")));
            assertThat(harness.suppressionRecords()).extracting(r -> r.key()).containsExactlyInAnyOrderElementsOf(expected);
            for (var record : harness.suppressionRecords()) {
                assertThat(record.value()).matches("\\{\"requested_at\":\\d+\\}");
            }
            KeyValueStore<String, byte[]> global = harness.driver().getKeyValueStore(Names.SUPPRESSIONS);
            List<String> kept = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> all = global.all()) {
                all.forEachRemaining(kv -> kept.add(kv.key + " " + new String(kv.value, StandardCharsets.UTF_8)));
            }
            assertThat(kept).hasSize(3).allSatisfy(line -> assertThat(line).doesNotContain("C1", "2015550101",
                    "one@example.com", "ONE@", "(201)"));
            assertThat(kept).allMatch(line -> PSEUDONYM.matcher(line.substring(0, line.indexOf(' '))).matches());
            assertThat(heldBy(harness, Pattern.compile("\\bC1\\b"))).isEmpty();
        }
    }

    /** A customer deleted before its erasure: the marks the steps kept of it under its id go too. */
    @Test
    void aCustomerDeletedBeforeItsErasureLeavesNoMarkUnderItsId(@TempDir Path tmp) throws IOException {
        List<FactRecord> facts = new ArrayList<>(twoCustomers());
        facts.add(FactRecord.tombstone(FactFile.CUSTOMERS, "C1"));
        facts.add(FactRecord.tombstone(FactFile.PAYMENTS, "P1"));
        Path erasures = Files.writeString(tmp.resolve("erasures.csv"),
                "customer_id,phone,email\nC1,(201) 555-0101,one@example.com\n");
        Guardrails batch = new GuardrailSettings(null, null, erasures, null).load("US");
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            send(harness, facts).settle();
            Map<String, AttributionUpdate> before = Map.copyOf(harness.latestUpdates());
            assertThat(before.keySet()).noneMatch(k -> k.startsWith("C1|"));
            // the control: a deleted customer's marks (status, withdrawn answers, retracted payment) name it
            assertThat(heldBy(harness, Pattern.compile("\\bC1\\b"))).isNotEmpty();

            send(harness, List.of(ERASE_C1)).settle();
            assertThat(heldBy(harness, Pattern.compile("\\bC1\\b"))).isEmpty();
            assertThat(harness.latestUpdates()).isEqualTo(before);
            BatchOracle.assertConvergesToBatch(tmp.resolve("deleted"), SETTINGS, batch, facts, harness);
        }
    }

    /** Every key and value of every task store (the suppressions aside) that matches {@code pattern}, as store: key = value. */
    static List<String> heldBy(TopologyHarness harness, Pattern pattern) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, StateStore> store : harness.driver().getAllStateStores().entrySet()) {
            if (!(store.getValue() instanceof KeyValueStore<?, ?>) || store.getKey().equals(Names.SUPPRESSIONS)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            KeyValueStore<Object, Object> kv = (KeyValueStore<Object, Object>) store.getValue();
            try (KeyValueIterator<Object, Object> all = kv.all()) {
                while (all.hasNext()) {
                    KeyValue<Object, Object> row = all.next();
                    String text = String.valueOf(row.key).replace('\u0000', '/') + " = " + text(row.value);
                    if (pattern.matcher(text).find()) {
                        found.add(store.getKey() + ": " + text);
                    }
                }
            }
        }
        return found;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static List<Request> requestsOf(Path csv) throws IOException {
        List<Request> requests = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = (lines.get(i) + ",,").split(",", -1);
            StringBuilder json = new StringBuilder("{");
            if (!cells[0].isBlank()) {
                json.append("\"customer_id\":").append(quote(cells[0])).append(',');
            }
            json.append("\"phones\":").append(array(cells[1].isBlank() ? List.of() : List.of(cells[1])));
            json.append(",\"emails\":").append(array(cells[2].isBlank() ? List.of() : List.of(cells[2]))).append('}');
            requests.add(new Request("line-" + (i + 1), json.toString()));
        }
        return requests;
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String array(List<String> values) {
        return values.stream().map(ErasureStreamTest::quote).collect(Collectors.joining(",", "[", "]"));
    }

    private static String cell(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
