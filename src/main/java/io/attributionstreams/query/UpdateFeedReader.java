package io.attributionstreams.query;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.Formats;
import io.attributionstreams.contract.OutputTopics;
import io.attributionstreams.contract.UpdateKey;
import io.attributionstreams.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link UpdateFeed} from the topology's output topic, {@code attribution-updates}, read
 * {@code read_committed}: the feed shows only what the engine committed (never an update an aborted
 * transaction took back), and every instance shows every update, whichever instance computed it.
 * It reads without a consumer group (nothing to commit, no rebalance with the app's own members),
 * starting a little before the end so that a fresh dashboard has recent lines to show.
 */
final class UpdateFeedReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateFeedReader.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final UpdateFeed feed;
    private final int backlog;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean started;
    /** Counted down after the first poll from the backlog position. */
    private final CountDownLatch primed = new CountDownLatch(1);
    private static final Duration PRIMING = Duration.ofSeconds(3);

    private UpdateFeedReader(KafkaConsumer<String, byte[]> consumer, UpdateFeed feed, int backlog) {
        this.consumer = consumer;
        this.feed = feed;
        this.backlog = backlog;
        this.thread = new Thread(this::run, "updates-feed");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading when the feed is first read (a dashboard opens), and waits a little then for the
     * latest records, so that the first page shows them.
     *
     * @param backlog about how many of the latest records to show at once, before new ones arrive
     */
    static UpdateFeedReader start(KafkaClients clients, String applicationId, UpdateFeed feed, int backlog) {
        UpdateFeedReader reader = new UpdateFeedReader(
                new KafkaConsumer<>(properties(clients, applicationId), new StringDeserializer(), new ByteArrayDeserializer()), feed,
                backlog);
        feed.onFirstRead(reader::startReading);
        return reader;
    }

    private synchronized void startReading() {
        if (!running || started) {
            return;
        }
        started = true;
        thread.start();
        try {
            primed.await(PRIMING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The app's connection settings (servers, security) for a consumer without a group. */
    static Properties properties(KafkaClients clients, String applicationId) {
        Properties p = clients.consumer();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-updates-feed");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        return p;
    }

    private void run() {
        try (consumer) {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            seekBefore(partitions);
            boolean first = true;
            while (running) {
                // only the newest records of a batch can stay in the ring: reading the others (an app catching
                // up writes thousands a second, some with hundreds of touchpoints) would cost CPU the app needs
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
                batch.subList(Math.max(0, batch.size() - feed.capacity()), batch.size()).forEach(this::add);
                if (first) {
                    first = false;
                    primed.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("the live feed of updates stopped: {}", e.getClass().getName());
            LOG.debug("live feed failure", e);
        }
    }

    /** The output topic's partitions, once it exists (created at start, or by an operator). */
    private List<TopicPartition> awaitPartitions() {
        while (running) {
            List<TopicPartition> partitions = consumer
                    .partitionsFor(OutputTopics.ATTRIBUTION_UPDATES, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    /** About {@code backlog} records before the end, spread over the partitions. */
    private void seekBefore(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long each = backlog / partitions.size() + 1;
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - each));
        }
    }

    private void add(ConsumerRecord<String, byte[]> r) {
        try {
            AttributionUpdate update = Topics.ATTRIBUTION_UPDATES.valueSerde().deserializer().deserialize(r.topic(),
                    r.value());
            if (UpdateKey.parse(r.key()).isPart()) {
                return; // a run of a large answer's touchpoints: the answer record that follows is the news
            }
            feed.add(r.key(), update, Formats.time(Instant.ofEpochMilli(r.timestamp())));
        } catch (SerializationException e) {
            LOG.warn(String.format(Locale.ROOT, "skipped an unreadable record at %s-%d offset %d", r.topic(),
                    r.partition(), r.offset()));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
            if (!started) {
                consumer.close(Duration.ofSeconds(5)); // nobody ever looked: the thread never ran to close it
                return;
            }
        }
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
