package io.attributionstreams.topology.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.testsupport.CommittedReads;
import io.attributionstreams.testsupport.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-behind store hands each key's last write to its changelog once per commit, and before the commit: on
 * a real broker under exactly-once, once the input's offsets are committed, the changelog's committed records
 * hold every write those offsets stand for. A store that wrote back after the commit (Kafka Streams' public
 * {@code StateStore.commit}) would leave the last writes in a transaction nobody commits, and fail here; so would
 * a store that ran its owner's {@code beforeWriteBack} writes after the commit.
 */
class WriteBehindStoreTest {
    private static final String STORE = "counts";
    private static final String INPUT = "write-behind-input";

    /** Per record: the count of its key three times over (1, 2, then the real one), and a scratch key put and deleted. */
    private static Topology countingTopology() {
        StoreBuilder<KeyValueStore<String, Long>> store = WriteBehindStore.builder(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long()));
        ProcessorSupplier<String, String, Void, Void> counting = new ProcessorSupplier<>() {
            @Override
            public Processor<String, String, Void, Void> get() {
                return new Processor<>() {
                    private KeyValueStore<String, Long> counts;
                    private long processed;
                    private long journaled;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        counts = context.getStateStore(STORE);
                        // what a journal does: before a commit, one write of what changed in memory since the last one
                        WriteBehindStore.<String, Long>of(counts).beforeWriteBack(() -> {
                            if (processed > journaled) {
                                counts.put("journal", processed);
                                journaled = processed;
                            }
                        });
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        Long known = counts.get(record.key());
                        long next = (known == null ? 0 : known) + 1;
                        counts.put(record.key(), -1L);
                        counts.put(record.key(), -2L);
                        counts.put(record.key(), next);
                        assertThat(counts.get(record.key())).as("a read sees the last write at once").isEqualTo(next);
                        counts.put("scratch", next);
                        counts.delete("scratch");
                        processed++;
                        assertThat(counts.get("scratch")).isNull();
                    }
                };
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
        Topology topology = new Topology();
        topology.addSource("read", new StringDeserializer(), new StringDeserializer(), INPUT);
        topology.addProcessor("count", counting, "read");
        return topology;
    }

    @Test
    void eachCommitWritesEachKeysLastValueOnce() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-behind");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (TopologyTestDriver driver = new TopologyTestDriver(countingTopology(), props)) {
            TestInputTopic<String, String> input = driver.createInputTopic(INPUT, new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, Long> changelog = driver.createOutputTopic("write-behind-" + STORE + "-changelog",
                    new StringDeserializer(), Serdes.Long().deserializer());

            input.pipeInput("a", "x"); // the test driver commits after each record
            input.pipeInput("a", "x");
            input.pipeInput("b", "x");

            List<TestRecord<String, Long>> written = changelog.readRecordsToList();
            // per commit: the counted key's last value, the scratch key's tombstone, and the journal's one write
            assertThat(written).extracting(TestRecord::key).containsExactlyInAnyOrder("a", "scratch", "journal", "a",
                    "scratch", "journal", "b", "scratch", "journal");
            assertThat(written).filteredOn(r -> r.key().equals("journal")).extracting(TestRecord::value)
                    .containsExactly(1L, 2L, 3L);
            assertThat(written).filteredOn(r -> r.key().length() == 1).extracting(TestRecord::value)
                    .containsExactly(1L, 2L, 1L);
            assertThat(written).filteredOn(r -> r.key().equals("scratch")).extracting(TestRecord::value)
                    .containsOnlyNulls();
            KeyValueStore<String, Long> store = driver.getKeyValueStore(STORE);
            assertThat(store.get("a")).isEqualTo(2L);
            assertThat(store.get("scratch")).isNull();
            assertThat(store.approximateNumEntries()).isEqualTo(3);
        }
    }

    @Test
    void committedOffsetsComeWithTheWritesTheyStandFor(@TempDir Path state) throws Exception {
        String applicationId = "write-behind-" + UUID.randomUUID();
        int records = 300;
        try (KafkaFixture kafka = KafkaFixture.start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(INPUT, 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(INPUT, "k" + (i % 3), "x"));
                }
            }
            Properties props = CommittedReads.exactlyOnce(applicationId, kafka.bootstrapServers(), state, 500);
            KafkaStreams streams = new KafkaStreams(countingTopology(), props);
            try {
                streams.start();
                CommittedReads.awaitCommitted(admin, applicationId, new TopicPartition(INPUT, 0), records);
                // the app idles now: nothing it has not committed will be committed later

                Map<String, Long> committed = new HashMap<>();
                List<String> keys = new ArrayList<>();
                CommittedReads.readCommitted(kafka.bootstrapServers(),
                        new TopicPartition(applicationId + "-" + STORE + "-changelog", 0), new StringDeserializer(),
                        Serdes.Long().deserializer()).forEach(r -> {
                            committed.put(r.key(), r.value());
                            keys.add(r.key());
                        });
                assertThat(committed).containsEntry("k0", 100L).containsEntry("k1", 100L).containsEntry("k2", 100L)
                        .as("what the last commit's hook wrote, in that commit").containsEntry("journal", (long) records);
                assertThat(committed.get("scratch")).isNull();
                // 300 records of 5 writes each, in a handful of commits: a key's record per commit at most
                assertThat(keys).hasSizeLessThan(records);
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        }
    }
}
