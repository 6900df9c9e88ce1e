package io.attributionstreams.ingest;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.topology.serde.Json;
import io.attributionstreams.webhook.IngestedFact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a webhook's facts to the input topics and returns only once the broker has acknowledged every one
 * of them: an idempotent producer with {@code acks=all}, so that a 202 means the facts are on every in-sync
 * replica. Keyed by fact id, as every producer keys them, so a fact and its later versions share a partition.
 */
final class FactWriter implements AutoCloseable {
    /** The broker did not acknowledge in time (or refused): the sender should retry. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Duration timeout;

    FactWriter(KafkaClients clients, Duration timeout) {
        this.timeout = timeout;
        Properties p = clients.producer();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "attribution-ingest");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        // a request never waits longer than the sender is told it may: metadata, the send and its retries included
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends every fact, then waits for every acknowledgement, all within the timeout. */
    void write(List<IngestedFact> facts) throws Unavailable {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>(facts.size());
        try {
            for (IngestedFact fact : facts) {
                byte[] value = Json.MAPPER.writeValueAsBytes(fact.value());
                sent.add(producer.send(new ProducerRecord<>(fact.topic(), fact.key(), value)));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new Unavailable("the broker did not take the facts: " + e.getCause().getClass().getSimpleName(), e);
        } catch (TimeoutException e) {
            throw new Unavailable("the broker did not acknowledge within " + timeout, e);
        } catch (KafkaException e) {
            throw new Unavailable("the broker cannot be reached: " + e.getClass().getSimpleName(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a fact that cannot be written as JSON", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the broker", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
