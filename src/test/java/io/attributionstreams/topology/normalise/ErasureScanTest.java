package io.attributionstreams.topology.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.normalise.IdentifierScreen;
import io.attributionstreams.normalise.NormalisationCounters;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.privacy.PseudonymisedValues;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.topology.erasure.ScanState;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The erasure scan of step 1, punctuations fired by hand: a budget of rows each, and a processor that
 * starts again on the same stores (a restart after a crash mid-scan) goes on where the scan stood.
 */
class ErasureScanTest {
    private static final Pseudonyms KEY = Pseudonyms.withKey(TestPseudonyms.KEY.getBytes(StandardCharsets.UTF_8));
    private static final JsonSerde<RawInteraction> RAW = JsonSerde.of(RawInteraction.class);
    private static final int FACTS = Erasure.SCAN_BUDGET + 500;

    private final KeyValueStore<String, Versioned<Interaction>> versions = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(Names.INTERACTION_VERSIONS), Serdes.String(),
            JsonSerde.of(new TypeReference<Versioned<Interaction>>() { })).withLoggingDisabled().build();
    private final KeyValueStore<String, ScanState> scans = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(Names.ERASURE_SCANS), Serdes.String(), JsonSerde.of(ScanState.class))
            .withLoggingDisabled().build();
    private final KeyValueStore<String, Long> marks = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(Names.ERASURE_MARKS), Serdes.String(), Serdes.Long())
            .withLoggingDisabled().build();
    private final KeyValueStore<String, byte[]> suppressions = Erasure.globalStore().build();

    /** A step-1 processor started on the test's stores, as after a (re)start; its context captures what it sends. */
    private record Started(InteractionVersions processor, MockProcessorContext<String, GraphEvent> context) {
        void punctuate(long at) {
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(at);
        }
    }

    private Started start(AtomicInteger suppressed) {
        MockProcessorContext<String, GraphEvent> context = new MockProcessorContext<>();
        for (var store : java.util.List.of(versions, scans, marks, suppressions)) {
            if (!store.isOpen()) {
                store.init(context.getStateStoreContext(), store);
            }
            context.addStateStore(store);
        }
        Erasure erasure = new Erasure(KEY, suppressed::incrementAndGet);
        FactNormaliser normaliser = new FactNormaliser("US", ZoneOffset.UTC, "USD", NormalisationCounters.NONE,
                IdentifierScreen.NONE, erasure.suppressions(), new PseudonymisedValues(KEY));
        InteractionVersions processor = new InteractionVersions(Names.INTERACTION_VERSIONS, normaliser, () -> { },
                erasure);
        processor.init(context);
        return new Started(processor, context);
    }

    @Test
    void aScanCutShortGoesOnWhereItStoodAndErasesEveryKeptFactOnce() {
        AtomicInteger suppressed = new AtomicInteger();
        Started first = start(suppressed);
        for (int i = 0; i < FACTS; i++) {
            String id = String.format("I%05d", i);
            // even: the phone alone; odd: the phone and an email that stays
            first.processor().process(new Record<>(id, RAW.toBytes(new RawInteraction(id, "call",
                    "2025-01-05T10:00:00Z", "radio", null, "201-555-0101", i % 2 == 0 ? null : "kept@example.com",
                    null)), 0L));
        }
        first.context().resetForwards();
        first.punctuate(1_000); // nothing suppressed: no scan
        assertThat(scans.get(Names.INTERACTION_VERSIONS)).isNull();
        assertThat(marks.get(Names.INTERACTION_VERSIONS)).isNull();
        assertThat(first.context().forwarded()).isEmpty();

        String phone = KEY.of(Identifiers.phone("+12015550101"));
        suppressions.put(phone, "{\"requested_at\":1}".getBytes(StandardCharsets.UTF_8));
        first.punctuate(2_000);
        ScanState midway = scans.get(Names.INTERACTION_VERSIONS);
        assertThat(midway.after()).isNotNull();
        assertThat(midway.suppressions()).isEqualTo(1);
        // each erased fact sends a detach from the phone; odd ones an attach to the email as well
        int firstEvents = first.context().forwarded().size();
        assertThat(firstEvents).isEqualTo(Erasure.SCAN_BUDGET / 2 * 3);

        // a crash: a new processor on the stores as the changelogs restore them
        Started second = start(suppressed);
        second.punctuate(3_000);
        assertThat(scans.get(Names.INTERACTION_VERSIONS)).isNull();
        assertThat(marks.get(Names.INTERACTION_VERSIONS)).isEqualTo(1L);
        assertThat(second.context().forwarded()).hasSize((FACTS - Erasure.SCAN_BUDGET) / 2 * 3);
        assertThat(suppressed.get()).isEqualTo(FACTS / 2);
        try (var all = versions.all()) {
            all.forEachRemaining(row -> {
                assertThat(row.value.revision()).as(row.key).isEqualTo(2);
                if (row.value.fact() != null) {
                    assertThat(row.value.fact().phone()).isNull();
                    assertThat(row.value.fact().email()).isEqualTo(KEY.of(Identifiers.email("kept@example.com")));
                }
            });
        }

        // nothing new: no scan; a new suppression: a scan that finds nothing left to change
        second.context().resetForwards();
        second.punctuate(4_000);
        assertThat(scans.get(Names.INTERACTION_VERSIONS)).isNull();
        suppressions.put(KEY.of(Identifiers.phone("+12015550999")), "{\"requested_at\":2}".getBytes(StandardCharsets.UTF_8));
        second.punctuate(5_000);
        second.punctuate(6_000);
        assertThat(scans.get(Names.INTERACTION_VERSIONS)).isNull();
        assertThat(marks.get(Names.INTERACTION_VERSIONS)).isEqualTo(2L);
        assertThat(second.context().forwarded()).isEmpty();

        // and a fact that arrives now with only the erased phone is dropped on arrival, not stored
        second.processor().process(new Record<>("J1", RAW.toBytes(new RawInteraction("J1", "call",
                "2025-01-05T10:00:00Z", "radio", null, "(201) 555-0101", null, null)), 0L));
        assertThat(versions.get("J1")).isNull();
        assertThat(second.context().forwarded()).isEmpty();
    }
}
