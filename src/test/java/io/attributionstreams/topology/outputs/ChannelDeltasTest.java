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
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Step 4a's per-task sums, punctuations fired by hand: deltas of one row add up to one record per send, a
 * sum that cancels out is not sent, and a processor that starts again on the same store (a restart after a
 * crash between two sends) sends what the store kept, once.
 */
class ChannelDeltasTest {
    private final KeyValueStore<String, ChannelTotal> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(Names.PENDING_CHANNEL_DELTAS), Serdes.String(),
            ChannelTotalSerde.INSTANCE).withLoggingDisabled().build();

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
        MockProcessorContext<String, ChannelTotal> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(0);
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

        Map<String, ChannelTotal> sent = app.send(1_000);

        assertThat(sent).containsOnlyKeys("FIRST_PAID|linear|bing", "FIRST_PAID|linear|google");
        assertThat(sent.get("FIRST_PAID|linear|google")).isEqualTo(
                new ChannelTotal(new BigDecimal("0.75"), BigInteger.valueOf(1250), 2, 2));
        assertThat(sent.get("FIRST_PAID|linear|bing")).isEqualTo(total("1", 500));
        assertThat(store.approximateNumEntries()).as("the store is emptied by a send").isZero();
        assertThat(app.send(2_000)).as("nothing twice").isEmpty();

        app.delta("FIRST_PAID|linear|google", "0.125", 10);
        assertThat(app.send(3_000)).containsExactly(Map.entry("FIRST_PAID|linear|google", total("0.125", 10)));
    }

    @Test
    void aRestartSendsWhatTheStoreKeptOnceAndAddsNewDeltasToIt() {
        Started before = start();
        before.delta("FIRST_BOOKED|first_touch|google", "1", 0);
        before.delta("FIRST_BOOKED|first_touch|bing", "1", 0);
        assertThat(store.get("FIRST_BOOKED|first_touch|google")).isEqualTo(total("1", 0));

        // the task starts again on the store its changelog restored: the processor it had is gone
        Started after = start();
        after.delta("FIRST_BOOKED|first_touch|google", "-1", 0);
        after.processor().process(new Record<>("FIRST_BOOKED|first_touch|google",
                new ChannelTotal(BigDecimal.ZERO, BigInteger.ZERO, -2, -2), 0L));
        after.delta("FIRST_BOOKED|first_touch|email", "0.5", 0);

        assertThat(after.send(5_000)).containsExactly(
                Map.entry("FIRST_BOOKED|first_touch|bing", total("1", 0)),
                Map.entry("FIRST_BOOKED|first_touch|email", total("0.5", 0)));
        assertThat(after.send(6_000)).isEmpty();
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
