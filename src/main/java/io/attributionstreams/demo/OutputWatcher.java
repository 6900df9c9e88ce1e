package io.attributionstreams.demo;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.OutputTopics;
import io.attributionstreams.contract.UpdateKey;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.topology.Topics;
import io.attributionstreams.topology.outputs.DeadLetters;
import io.attributionstreams.topology.outputs.RejectReasons;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the engine writes, as any other team's client would ({@code read_committed}, from the
 * beginning): {@code attribution-updates} for the counts and the feed, the dead-letter topic for the
 * dead-letter count and the first few reasons. Without {@code verbose} the feed is a sample of the
 * conversions that follow the first contact (booked, attended, paid), at most one a second: a rate a
 * person can read while thousands of updates go by.
 */
public final class OutputWatcher implements Runnable {
    /** How many dead letters are shown one by one before they are only counted. */
    static final int DEAD_LETTERS_SHOWN = 3;
    private static final long SAMPLE_EVERY_NANOS = 1_000_000_000L;

    private final String bootstrap;
    private final DemoTerminal terminal;
    private final DemoProgress progress;
    private final boolean verbose;
    private final Set<String> answers = new HashSet<>();
    private volatile boolean finishing;
    private long lastSampleNanos;
    private int deadLettersShown;

    public OutputWatcher(String bootstrap, DemoTerminal terminal, DemoProgress progress, boolean verbose) {
        this.bootstrap = bootstrap;
        this.terminal = terminal;
        this.progress = progress;
        this.verbose = verbose;
    }

    /** Reads on to the topics' current ends, then stops; {@link #run} returns. */
    public void finish() {
        finishing = true;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(TopicReader.readCommitted(bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(OutputTopics.ATTRIBUTION_UPDATES, OutputTopics.DLQ)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = null;
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(OutputTopics.DLQ)) {
                        deadLetter(r);
                    } else {
                        update(r);
                    }
                }
                if (finishing) {
                    if (ends == null) {
                        ends = consumer.endOffsets(partitions);
                    }
                    Map<TopicPartition, Long> end = ends;
                    if (partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                        return;
                    }
                }
            }
        }
    }

    private void update(ConsumerRecord<String, byte[]> r) {
        UpdateKey key = UpdateKey.parse(r.key());
        if (key.isPart()) {
            return; // a run of a large answer's touchpoints; its answer record follows
        }
        AttributionUpdate u = Topics.ATTRIBUTION_UPDATES.valueSerde().deserializer().deserialize(r.topic(), r.value());
        boolean added = u != null && answers.add(key.answerKey());
        boolean removed = u == null && answers.remove(key.answerKey());
        progress.update(added, removed);
        if (verbose) {
            terminal.println(u == null ? FeedLines.retracted(key.answerKey()) : FeedLines.line(u));
        } else if (u != null && !u.conversionType().equals("FIRST_CONTACT")
                && System.nanoTime() - lastSampleNanos >= SAMPLE_EVERY_NANOS) {
            lastSampleNanos = System.nanoTime();
            terminal.println(FeedLines.line(u));
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r) {
        String kind = RejectReasons.kind(header(r, DeadLetters.REASON_HEADER));
        progress.deadLetter(kind);
        if (deadLettersShown < DEAD_LETTERS_SHOWN) {
            deadLettersShown++;
            terminal.printf("  dead letter: %s record %s: %s%s", header(r, DeadLetters.TOPIC_HEADER),
                    r.key() == null ? "(no key)" : excerpt(r.key()), kind,
                    deadLettersShown == DEAD_LETTERS_SHOWN ? "  (more are counted below, each on " + OutputTopics.DLQ
                            + " with its reason)" : "");
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A key as a producer sent it: at most 40 characters, no control characters. */
    private static String excerpt(String key) {
        String clean = key.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 40 ? clean.substring(0, 39) + "…" : clean;
    }
}
