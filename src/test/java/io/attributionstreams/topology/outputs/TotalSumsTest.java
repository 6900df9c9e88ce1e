package io.attributionstreams.topology.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.contract.TotalKeys;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.testsupport.CommittedReads;
import io.attributionstreams.testsupport.KafkaFixture;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step 4's sums emit each changed row once per commit, as it then is, from the commit that writes it back: with
 * the test driver (which commits after every record) each delta's row comes out, timed as its delta; on a real
 * broker under exactly-once, hundreds of deltas to a few rows within a commit give a record per row, and the
 * committed output holds every row's full sum, or its tombstone.
 */
class TotalSumsTest {
    private static final String DELTAS = "total-deltas";
    private static final String TOTALS = "totals-out";
    private static final String GOOGLE = TotalKeys.channel(new ChannelKey(ConversionType.FIRST_PAID, "linear", "google"));
    private static final ChannelTotal ONE_CUSTOMER = new ChannelTotal(new BigDecimal("0.5"), BigInteger.TEN, 1, 1);

    /** Deltas in; each row TotalSums emits out as "kind|customers|touchpoints|credit", a tombstone as null. */
    private static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("read", new StringDeserializer(), ChannelTotalSerde.INSTANCE.deserializer(), DELTAS);
        topology.addProcessor("sum", TotalSums.processor(), "read");
        topology.addProcessor("describe", () -> new Processor<String, TotalSums.Row, String, String>() {
            private ProcessorContext<String, String> context;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, TotalSums.Row> record) {
                TotalSums.Row row = record.value();
                ChannelTotal total = row.record() == null ? null : row.record().total();
                context.forward(record.withValue(total == null ? null : row.kind() + "|" + total.customers() + "|"
                        + total.touchpoints() + "|" + total.credit().toPlainString()));
            }
        }, "sum");
        topology.addSink("write", TOTALS, new StringSerializer(), new StringSerializer(), "describe");
        return topology;
    }

    @Test
    void eachChangedRowComesOutWithItsSumTimedAsItsDelta() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "total-sums");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology(), props)) {
            TestInputTopic<String, ChannelTotal> deltas = driver.createInputTopic(DELTAS, new StringSerializer(),
                    ChannelTotalSerde.INSTANCE.serializer());
            TestOutputTopic<String, String> totals = driver.createOutputTopic(TOTALS, new StringDeserializer(),
                    new StringDeserializer());
            String campaign = TotalKind.CAMPAIGN.deltaKey(TotalKeys.campaign(
                    new CampaignKey(ConversionType.FIRST_PAID, "linear", "google", "spring")));

            deltas.pipeInput(GOOGLE, ONE_CUSTOMER, 1_000L); // the test driver commits after each record
            deltas.pipeInput(GOOGLE, ONE_CUSTOMER, 2_000L);
            deltas.pipeInput(campaign, ONE_CUSTOMER, 3_000L);
            deltas.pipeInput(GOOGLE, ChannelTotal.ZERO.minus(ONE_CUSTOMER), 4_000L);
            deltas.pipeInput(GOOGLE, ChannelTotal.ZERO.minus(ONE_CUSTOMER), 5_000L);

            List<TestRecord<String, String>> out = totals.readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly(GOOGLE, GOOGLE,
                    TotalKind.CAMPAIGN.topicKey(campaign), GOOGLE, GOOGLE);
            assertThat(out).extracting(TestRecord::value).containsExactly("CHANNEL|1|1|0.5", "CHANNEL|2|2|1.0",
                    "CAMPAIGN|1|1|0.5", "CHANNEL|1|1|0.5", null);
            assertThat(out).extracting(TestRecord::timestamp).containsExactly(1_000L, 2_000L, 3_000L, 4_000L, 5_000L);
            assertThat(driver.getKeyValueStore(TotalKind.CHANNEL.store()).get(GOOGLE)).isNull();
        }
    }

    @Test
    void manyDeltasWithinACommitGiveOneRecordPerRowAndTheFullSums(@TempDir Path state) throws Exception {
        String applicationId = "total-sums-" + UUID.randomUUID();
        List<String> rows = List.of(GOOGLE,
                TotalKeys.channel(new ChannelKey(ConversionType.FIRST_PAID, "linear", "yelp")),
                TotalKeys.channel(new ChannelKey(ConversionType.FIRST_BOOKED, "linear", "google")));
        String comesAndGoes = TotalKeys.channel(new ChannelKey(ConversionType.FIRST_PAID, "linear", "radio"));
        int deltas = 0;
        try (KafkaFixture kafka = KafkaFixture.start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(DELTAS, 1, (short) 1), new NewTopic(TOTALS, 1, (short) 1)))
                    .all().get();
            try (KafkaProducer<String, ChannelTotal> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                    ChannelTotalSerde.INSTANCE.serializer())) {
                for (int i = 0; i < 100; i++) {
                    for (String row : rows) {
                        producer.send(new ProducerRecord<>(DELTAS, row, ONE_CUSTOMER));
                        deltas++;
                    }
                    producer.send(new ProducerRecord<>(DELTAS, comesAndGoes,
                            i % 2 == 0 ? ONE_CUSTOMER : ChannelTotal.ZERO.minus(ONE_CUSTOMER)));
                    deltas++;
                }
            }
            Properties props = CommittedReads.exactlyOnce(applicationId, kafka.bootstrapServers(), state, 500);
            try (KafkaStreams streams = new KafkaStreams(topology(), props)) {
                streams.start();
                CommittedReads.awaitCommitted(admin, applicationId, new TopicPartition(DELTAS, 0), deltas);

                Map<String, String> last = new HashMap<>();
                List<ConsumerRecord<String, String>> out = CommittedReads.readCommitted(kafka.bootstrapServers(),
                        new TopicPartition(TOTALS, 0), new StringDeserializer(), new StringDeserializer());
                out.forEach(r -> last.put(r.key(), r.value()));
                assertThat(last).containsEntry(rows.get(0), "CHANNEL|100|100|50.0")
                        .containsEntry(rows.get(1), "CHANNEL|100|100|50.0")
                        .containsEntry(rows.get(2), "CHANNEL|100|100|50.0")
                        .containsEntry(comesAndGoes, null)
                        .hasSize(4);
                // 400 deltas, read in a poll or a few and committed in a commit or a few: a record per row and commit
                assertThat(out).hasSizeLessThan(40);
            }
        }
    }
}
