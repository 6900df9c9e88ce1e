package io.attributionstreams.testsupport;

import io.attributionstreams.broker.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker for a test class: Testcontainers' {@code apache/kafka} container where a
 * Docker daemon answers, the embedded KRaft broker of this project otherwise. Both paths give the
 * tests the same thing, a bootstrap address, and the log says which one ran.
 */
public final class KafkaFixture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    private final String bootstrapServers;
    private final AutoCloseable broker;
    private final String kind;

    private KafkaFixture(String bootstrapServers, AutoCloseable broker, String kind) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
        this.kind = kind;
    }

    public static KafkaFixture start() {
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            LOG.warn("real-broker tests use a Testcontainers Kafka ({}) at {}", KAFKA_IMAGE, container.getBootstrapServers());
            return new KafkaFixture(container.getBootstrapServers(), container, "testcontainers");
        }
        try {
            Path dir = Files.createTempDirectory("attribution-it-kafka");
            EmbeddedKafka kafka = EmbeddedKafka.start(0, dir);
            LOG.warn("no Docker daemon answers: real-broker tests use the embedded KRaft broker at {}",
                    kafka.bootstrapServers());
            return new KafkaFixture(kafka.bootstrapServers(), kafka, "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code embedded} or {@code testcontainers}. */
    public String kind() {
        return kind;
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }
}
