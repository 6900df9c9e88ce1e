package io.attributionstreams.replay;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Topics;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producers' side: sends CSV rows as JSON records to the input topics with an idempotent
 * producer (no duplicates on retry, order kept per partition), keyed by fact id.
 */
public final class Replayer {
    private Replayer() {
    }

    /** Rows sent per input file. */
    public record Totals(Map<FactFile, Long> sent, long millis) {
        public long total() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static Properties producerSettings(String bootstrapServers) {
        return producerSettings(KafkaClients.of(bootstrapServers));
    }

    /** An idempotent producer with acks=all on the cluster these client settings reach. */
    public static Properties producerSettings(KafkaClients clients) {
        Properties p = clients.producer();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight: on a freshly created partition a first batch that fails retriably while a
        // later one lands leaves the broker expecting the later sequence forever (OUT_OF_ORDER_SEQUENCE_NUMBER
        // until delivery times out), as seen on the embedded broker. Order stays strict; batches stay large.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * @param rate records per second, or 0 for as fast as the broker takes them
     * @param progress where a line of progress goes every two seconds, or null
     */
    public static Totals send(String bootstrapServers, List<CsvRow> rows, int rate, PrintWriter progress) {
        return send(KafkaClients.of(bootstrapServers), rows, rate, progress, new AtomicLong());
    }

    /** As {@link #send(String, List, int, PrintWriter)}, on a cluster reached with these client settings. */
    public static Totals send(KafkaClients clients, List<CsvRow> rows, int rate, PrintWriter progress) {
        return send(clients, rows, rate, progress, new AtomicLong());
    }

    /** As {@link #send(String, List, int, PrintWriter)}, counting the records handed to the producer in {@code sent}. */
    public static Totals send(String bootstrapServers, List<CsvRow> rows, int rate, PrintWriter progress,
            AtomicLong counter) {
        return send(KafkaClients.of(bootstrapServers), rows, rate, progress, counter);
    }

    /** As {@link #send(KafkaClients, List, int, PrintWriter)}, counting the records handed to the producer. */
    public static Totals send(KafkaClients clients, List<CsvRow> rows, int rate, PrintWriter progress,
            AtomicLong counter) {
        long start = System.nanoTime();
        Map<FactFile, Long> sent = new EnumMap<>(FactFile.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long lastReport = start;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings(clients))) {
            for (FactFile file : FactFile.values()) {
                producer.partitionsFor(topicOf(file)); // metadata for every topic before the first send
            }
            for (int i = 0; i < rows.size(); i++) {
                if (failure.get() != null) {
                    break;
                }
                CsvRow row = rows.get(i);
                producer.send(new ProducerRecord<>(topicOf(row.file()), ReplayPlan.recordKey(row), json(row)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                sent.merge(row.file(), 1L, Long::sum);
                counter.incrementAndGet();
                if (rate > 0) {
                    pace(start, i + 1, rate);
                }
                long now = System.nanoTime();
                if (progress != null && now - lastReport > 2_000_000_000L) {
                    lastReport = now;
                    progress.printf(Locale.ROOT, "replay: %,d of %,d records sent%n", i + 1, rows.size());
                    progress.flush();
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("replay failed: " + failure.get().getMessage(), failure.get());
        }
        return new Totals(sent, (System.nanoTime() - start) / 1_000_000);
    }

    private static void pace(long start, long sent, int rate) {
        long due = start + sent * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static String topicOf(FactFile file) {
        return switch (file) {
            case CUSTOMERS -> Names.CUSTOMERS;
            case INTERACTIONS -> Names.INTERACTIONS;
            case APPOINTMENTS -> Names.APPOINTMENTS;
            case PAYMENTS -> Names.PAYMENTS;
            case SPEND -> Names.SPEND;
        };
    }

    /** The row in the JSON form of docs/contract.md §1. */
    public static byte[] json(CsvRow row) {
        return switch (row.file()) {
            case CUSTOMERS -> Topics.CUSTOMERS.valueSerde().serializer().serialize(Names.CUSTOMERS, row.customer());
            case INTERACTIONS -> Topics.INTERACTIONS.valueSerde().serializer().serialize(Names.INTERACTIONS,
                    row.interaction());
            case APPOINTMENTS -> Topics.APPOINTMENTS.valueSerde().serializer().serialize(Names.APPOINTMENTS,
                    row.appointment());
            case PAYMENTS -> Topics.PAYMENTS.valueSerde().serializer().serialize(Names.PAYMENTS, row.payment());
            case SPEND -> Topics.SPEND.valueSerde().serializer().serialize(Names.SPEND, row.spend());
        };
    }
}
