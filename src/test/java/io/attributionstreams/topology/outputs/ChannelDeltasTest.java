package io.attributionstreams.topology.outputs;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Step 4a's per-task sums, punctuations fired by hand: deltas of one row add up to one record per send, a
 * sum that cancels out is not sent, each commit journals the rows that changed since the last one, and a
 * processor that starts again on the same store (a restart after a crash between two sends) sends what the
 * journal kept, once.
 */
class ChannelDeltasTest {
    private final KeyValueStore<String, byte[]> store = WriteBehindStore.builder(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(Names.PENDING_CHANNEL_DELTAS), Serdes.String(), Serdes.ByteArray()))
            .withLoggingDisabled().build();

    private record Started(Processor<String, ChannelTotal, String, ChannelTotal> processor,
            MockProcessorContext<String, ChannelTotal> context) {
        void delta(String key, String credit, long cents) {
            processor.process(new Record<>(key, total(credit, cents), 0L));
        }

        /** The records one send forwards, by key, in the order sent. */
        Map<String, ChannelTotal> send(long at) {
            context.resetForwards();
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(at);
            Map<String, ChannelTotal> sent = new LinkedHashMap<>();
            context.forwarded().forEach(f -> {
                assertThat(f.record().timestamp()).isEqualTo(at);
                assertThat(sent.put(f.record().key(), f.record().value())).as("one record per row").isNull();
            });
            return sent;
        }
    }

    private static ChannelTotal total(String credit, long cents) {
        return new ChannelTotal(new BigDecimal(credit), BigInteger.valueOf(cents), 1, 1);
    }

    private Started start() {
        return startAt(0);
    }

    private Started startAt(long wallClock) {
        MockProcessorContext<String, ChannelTotal> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(wallClock);
        if (!store.isOpen()) {
            store.init(context.getStateStoreContext(), store);
        }
        context.addStateStore(store);
        Processor<String, ChannelTotal, String, ChannelTotal> processor = ChannelDeltas.processor(Duration.ofSeconds(1))
                .get();
        processor.init(context);
        return new Started(processor, context);
    }

    @Test
    void deltasOfOneRowAreSentAsOneSumAndCancelledOnesNotAtAll() {
        Started app = start();
        app.delta("FIRST_PAID|linear|google", "0.25", 1000);
        app.delta("FIRST_PAID|linear|bing", "1", 500);
        app.delta("FIRST_PAID|linear|google", "0.5", 250);
        app.delta("FIRST_PAID|linear|email", "0.5", 300);
        app.delta("FIRST_PAID|linear|email", "-0.5", -300);
        // touchpoints and customers add up too: the email row's cancel out only with a matching -1, -1
        app.processor().process(new Record<>("FIRST_PAID|linear|email",
                new ChannelTotal(BigDecimal.ZERO, BigInteger.ZERO, -2, -2), 0L));

        commit();
        assertThat(journal()).isNotEmpty();
        Map<String, ChannelTotal> sent = app.send(1_000);

        assertThat(sent).containsOnlyKeys("FIRST_PAID|linear|bing", "FIRST_PAID|linear|google");
        assertThat(sent.get("FIRST_PAID|linear|google")).isEqualTo(
                new ChannelTotal(new BigDecimal("0.75"), BigInteger.valueOf(1250), 2, 2));
        assertThat(sent.get("FIRST_PAID|linear|bing")).isEqualTo(total("1", 500));
        commit();
        assertThat(journal()).as("the journal is emptied by a send").isEmpty();
        assertThat(app.send(2_000)).as("nothing twice").isEmpty();

        app.delta("FIRST_PAID|linear|google", "0.125", 10);
        assertThat(app.send(3_000)).containsExactly(Map.entry("FIRST_PAID|linear|google", total("0.125", 10)));
    }

    /** What a commit does to the store: the write-back that Kafka Streams runs just before it. */
    private void commit() {
        WriteBehindStore.of(store).flushCache();
    }

    /** The journal as the store holds it after the last commit: each entry's rows, by entry key. */
    private Map<String, List<PendingSums.Row>> journal() {
        Map<String, List<PendingSums.Row>> entries = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> entries.put(kv.key, PendingSums.SERDE.fromBytes(kv.value).rows()));
        }
        return entries;
    }

    private static String rowOfSlot(int slot, String prefix) {
        return IntStream.range(0, 1_000).mapToObj(i -> prefix + i)
                .filter(row -> Math.floorMod(row.hashCode(), ChannelDeltas.SLOTS) == slot).findFirst().orElseThrow();
    }

    @Test
    void eachCommitJournalsTheChangedRowsOfEachSlotOnceAndASendDeletesTheSlotsEntries() {
        Started app = start();
        String a = rowOfSlot(3, "FIRST_PAID|linear|a");
        String b = rowOfSlot(3, "FIRST_PAID|linear|b");
        String c = rowOfSlot(7, "FIRST_PAID|linear|c");
        app.delta(a, "0.5", 100);
        app.delta(a, "0.25", 100);
        app.delta(b, "1", 10);
        app.delta(c, "1", 20);
        assertThat(journal()).as("nothing before the commit").isEmpty();

        commit();
        assertThat(journal()).containsExactly(
                Map.entry(ChannelDeltas.entryKey(3, 0), List.of(new PendingSums.Row(a, total2("0.75", 200)),
                        new PendingSums.Row(b, total("1", 10)))),
                Map.entry(ChannelDeltas.entryKey(7, 1), List.of(new PendingSums.Row(c, total("1", 20)))));

        // the next commit holds only what changed since, each row's whole sum since its send
        app.delta(a, "0.25", 100);
        commit();
        assertThat(journal()).hasSize(3).containsEntry(ChannelDeltas.entryKey(3, 2),
                List.of(new PendingSums.Row(a, new ChannelTotal(BigDecimal.ONE.setScale(2), BigInteger.valueOf(300), 3,
                        3))));
        commit();
        assertThat(journal()).as("a commit with nothing changed writes nothing").hasSize(3);

        // slot 3 goes at 400 ms of the 1 s interval: its entries go with it; slot 7's stay until 800 ms
        assertThat(app.send(400)).containsOnlyKeys(a, b);
        commit();
        assertThat(journal()).containsOnlyKeys(ChannelDeltas.entryKey(7, 1));
        assertThat(app.send(800)).containsOnlyKeys(c);
        commit();
        assertThat(journal()).isEmpty();
    }

    private static ChannelTotal total2(String credit, long cents) {
        return new ChannelTotal(new BigDecimal(credit), BigInteger.valueOf(cents), 2, 2);
    }

    @Test
    void aRestartSendsWhatTheJournalKeptOnceAndAddsNewDeltasToIt() {
        Started before = start();
        before.delta("FIRST_BOOKED|first_touch|google", "1", 0);
        before.delta("FIRST_BOOKED|first_touch|bing", "1", 0);
        commit();
        before.delta("FIRST_BOOKED|first_touch|bing", "1", 0);
        commit();
        Map<String, List<PendingSums.Row>> kept = journal();
        assertThat(kept.values().stream().flatMap(List::stream).filter(row -> row.key().endsWith("bing")))
                .as("bing in two entries, the later one with its sum").extracting(PendingSums.Row::sum)
                .containsExactly(total("1", 0), total2("2", 0));

        // the task starts again on the store its changelog restored: the processor it had is gone
        Started after = start();
        after.delta("FIRST_BOOKED|first_touch|google", "-1", 0);
        after.processor().process(new Record<>("FIRST_BOOKED|first_touch|google",
                new ChannelTotal(BigDecimal.ZERO, BigInteger.ZERO, -2, -2), 0L));
        after.delta("FIRST_BOOKED|first_touch|email", "0.5", 0);
        commit();
        // the entries read back are deleted, and every pending row journaled afresh under later sequence numbers
        Map<String, List<PendingSums.Row>> rewritten = journal();
        assertThat(rewritten.keySet()).doesNotContainAnyElementsOf(kept.keySet());
        assertThat(rewritten.values().stream().flatMap(List::stream).map(PendingSums.Row::key))
                .containsExactlyInAnyOrder("FIRST_BOOKED|first_touch|google", "FIRST_BOOKED|first_touch|bing",
                        "FIRST_BOOKED|first_touch|email");

        Map<String, ChannelTotal> sent = new TreeMap<>();
        for (long at = 100; at <= 1_000; at += 100) {
            sent.putAll(after.send(at));
        }
        assertThat(sent).containsExactly(
                Map.entry("FIRST_BOOKED|first_touch|bing", total2("2", 0)),
                Map.entry("FIRST_BOOKED|first_touch|email", total("0.5", 0)));
        commit();
        assertThat(journal()).isEmpty();
        assertThat(after.send(2_000)).isEmpty();
    }

    @Test
    void sumsKeptByAVersionBeforeTheJournalUnderTheRowsOwnKeysAreSentAndJournaled() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        store.put("FIRST_PAID|linear|google", ChannelTotalSerde.INSTANCE.toBytes(total("0.5", 70)));
        store.put("paths|FIRST_PAID|google", ChannelTotalSerde.INSTANCE.toBytes(total("0", 70)));
        commit();

        Started app = start();
        app.delta("FIRST_PAID|linear|google", "0.25", 30);
        commit();
        assertThat(journal().keySet()).allSatisfy(key -> assertThat(key).startsWith(ChannelDeltas.JOURNAL));
        assertThat(journal().values().stream().flatMap(List::stream)).containsExactlyInAnyOrder(
                new PendingSums.Row("FIRST_PAID|linear|google", total2("0.75", 100)),
                new PendingSums.Row("paths|FIRST_PAID|google", total("0", 70)));
    }

    @Test
    void everyTaskSendsASlotAtTheSameInstantsOfTheWallClock() {
        // started 234 ms into a second: each slot keeps its tenth of every second of the clock, as in any other task
        Started app = startAt(1_234);
        String early = rowOfSlot(0, "FIRST_PAID|linear|a");
        String soon = rowOfSlot(2, "FIRST_PAID|linear|b");
        String late = rowOfSlot(9, "FIRST_PAID|linear|c");
        List.of(early, soon, late).forEach(row -> app.delta(row, "1", 1));

        assertThat(app.send(1_299)).isEmpty();
        assertThat(app.send(1_300)).containsOnlyKeys(soon);
        assertThat(app.send(1_999)).isEmpty();
        assertThat(app.send(2_000)).containsOnlyKeys(late);
        assertThat(app.send(2_100)).as("slot 0's tenth had gone by at the start: the next one").containsOnlyKeys(early);
    }

    @Test
    void theRowsAreSentATenthAtATimeSpreadOverTheInterval() {
        Started app = start();
        List<String> rows = IntStream.range(0, 200).mapToObj(i -> "PATH|FIRST_PAID|google>row" + i).toList();
        rows.forEach(row -> app.delta(row, "1", 1));

        Map<String, Long> sentAt = new HashMap<>();
        for (int tick = 1; tick <= ChannelDeltas.SLOTS; tick++) {
            long now = tick * 100L;
            Map<String, ChannelTotal> sent = app.send(now);
            int slot = tick - 1;
            assertThat(sent.keySet()).as("at %d ms: the rows of slot %d", now, slot).containsExactlyElementsOf(
                    rows.stream().filter(row -> Math.floorMod(row.hashCode(), ChannelDeltas.SLOTS) == slot).sorted()
                            .toList());
            sent.keySet().forEach(row -> assertThat(sentAt.put(row, now)).as("sent once: " + row).isNull());
        }
        assertThat(sentAt.keySet()).containsExactlyInAnyOrderElementsOf(rows);

        // a row changed just after its slot was sent waits for that slot's next send, one interval later
        String first = rows.stream().filter(row -> Math.floorMod(row.hashCode(), ChannelDeltas.SLOTS) == 0)
                .findFirst().orElseThrow();
        app.delta(first, "1", 1);
        for (long now = 1_050; now < 1_100; now += 10) {
            assertThat(app.send(now)).doesNotContainKey(first);
        }
        assertThat(app.send(1_100)).containsOnlyKeys(first);
    }
}
