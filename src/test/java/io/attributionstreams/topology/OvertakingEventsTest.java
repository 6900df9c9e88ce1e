package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.normalise.NormalisationCounters;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.FinalFacts;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.events.GraphEvent.Link;
import io.attributionstreams.topology.events.GraphEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What TopologyTestDriver's strict ordering never shows by itself: events about one fact that
 * overtake each other on the way to the customer step (piped straight into the internal
 * {@code by-customer} topic, as a slow partition would deliver them), identical repeats that must
 * stop at step 1, and a deleted customer that returns with other identifiers. Each test was seen
 * to fail against the bug it names.
 */
class OvertakingEventsTest {
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults();
    private static final String BY_CUSTOMER = StreamsSettings.DEFAULT_APPLICATION_ID + "-" + Names.BY_CUSTOMER
            + "-repartition";
    private static final FactNormaliser NORMALISER =
            new FactNormaliser("US", ZoneOffset.UTC, "USD", NormalisationCounters.NONE);

    @TempDir
    Path tmp;

    private static FactRecord customer(String id, String phone) {
        return new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id, List.of(phone), List.of()));
    }

    private static RawInteraction call(String id, String phone, String channel) {
        return new RawInteraction(id, "call", "2025-01-03T14:05:00Z", channel, null, phone, null, null);
    }

    private static RawPayment payment(String id, String customerId) {
        return new RawPayment(id, customerId, "2025-01-21T16:00:00Z", "100.00", "USD");
    }

    private static TestInputTopic<String, GraphEvent> byCustomer(TopologyHarness harness) {
        return harness.driver().createInputTopic(BY_CUSTOMER, Serdes.String().serializer(),
                Topics.GRAPH_EVENT.serializer());
    }

    /** Bug caught: the customer step taking a touchpoint's payload without comparing revisions. */
    @Test
    void aLateLinkOfAnOlderRevisionKeepsTheNewerPayload() {
        Interaction older = NORMALISER.interaction(call("I1", "2015550123", "old_channel"));
        Interaction newer = NORMALISER.interaction(call("I1", "2015550123", "new_channel"));
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(List.of(customer("C1", "2015550123"),
                    new FactRecord(FactFile.PAYMENTS, "P1", payment("P1", "C1"))));

            byCustomer(harness).pipeInput("C1", GraphEvent.link("C1", "tel:+12015550123", List.of(Link.to(newer, 2))));
            byCustomer(harness).pipeInput("C1", GraphEvent.link("C1", "id:C1", List.of(Link.to(older, 1))));
            harness.pipe(customer("C1", "2015550123")); // an identical repeat: only collects the outputs

            assertThat(harness.latestUpdates().values()).isNotEmpty().allSatisfy(update -> assertThat(
                    update.touchpoints()).extracting(AttributionUpdate.Touchpoint::channel).containsExactly("new_channel"));
        }
    }

    /** Bug caught: the customer step applying a payment event without comparing revisions. */
    @Test
    void aLateAddOfAnOlderRevisionAfterANewerRetractionChangesNothing() {
        Payment paid = NORMALISER.payment(payment("P1", "C1"));
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(List.of(customer("C1", "2015550123"),
                    new FactRecord(FactFile.INTERACTIONS, "I1", call("I1", "2015550123", "tv"))));
            int before = harness.latestUpdates().size();

            byCustomer(harness).pipeInput("C1", GraphEvent.payment("C1", "P1", null, 2));
            byCustomer(harness).pipeInput("C1", GraphEvent.payment("C1", "P1", paid, 1));
            harness.pipe(customer("C1", "2015550123"));

            assertThat(harness.latestUpdates()).hasSize(before).doesNotContainKey("C1|FIRST_PAID|daily_split");
        }
    }

    /** Bug caught: step 1 passing identical repeats on (invisible in the outputs, costly downstream). */
    @Test
    void identicalRepeatsStopAtTheFirstStep() {
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            var internal = harness.driver().createOutputTopic(BY_CUSTOMER, Serdes.String().deserializer(),
                    Topics.GRAPH_EVENT.deserializer());
            List<FactRecord> facts = List.of(customer("C1", "2015550123"),
                    new FactRecord(FactFile.INTERACTIONS, "I1", call("I1", "2015550123", "tv")),
                    new FactRecord(FactFile.PAYMENTS, "P1", payment("P1", "C1")));
            harness.pipe(facts);
            assertThat(internal.readRecordsToList()).isNotEmpty();

            harness.pipe(facts);

            assertThat(internal.readRecordsToList()).isEmpty();
        }
    }

    /** Bug caught: a deleted customer keeping its claims, so its old phone still links interactions. */
    @Test
    void aDeletedCustomerReturningWithAnotherPhoneLosesTheOldPhonesTouchpoints() throws Exception {
        List<FactRecord> sent = List.of(customer("C1", "2015550123"),
                new FactRecord(FactFile.INTERACTIONS, "I1", call("I1", "2015550123", "google_ads")),
                new FactRecord(FactFile.PAYMENTS, "P1", payment("P1", "C1")),
                FactRecord.tombstone(FactFile.CUSTOMERS, "C1"),
                customer("C1", "2125550199"));
        Path finalFacts = Files.createDirectories(tmp.resolve("final"));
        FinalFacts.write(sent, finalFacts);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        BatchRun.run(finalFacts, batch, SETTINGS, null);
        Path stream = Files.createDirectories(tmp.resolve("stream"));
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(sent);
            harness.exportTo(stream);
        }

        assertThat(stream.resolve("attribution.csv")).hasSameTextualContentAs(batch.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameTextualContentAs(batch.resolve("channels.csv"));
        assertThat(Files.readAllLines(stream.resolve("channels.csv"))).anyMatch(l -> l.contains("(unattributed)"));
    }
}
