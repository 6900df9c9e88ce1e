package io.attributionstreams.testsupport;

import io.attributionstreams.broker.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final AtomicBoolean SAID = new AtomicBoolean();
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    private final String bootstrapServers;
    private final AutoCloseable broker;
    private final String kind;
    private final Path dataDir;

    private KafkaFixture(String bootstrapServers, AutoCloseable broker, String kind, Path dataDir) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
        this.kind = kind;
        this.dataDir = dataDir;
    }

    public static KafkaFixture start() {
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            once("real-broker tests use a Testcontainers Kafka (" + KAFKA_IMAGE + ")");
            return new KafkaFixture(container.getBootstrapServers(), container, "testcontainers", null);
        }
        try {
            Path dir = Files.createTempDirectory("attribution-it-kafka");
            EmbeddedKafka kafka = EmbeddedKafka.start(0, dir);
            once("real-broker tests use the embedded KRaft broker (no Docker daemon answers)");
            return new KafkaFixture(kafka.bootstrapServers(), kafka, "embedded", dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which fixture the real-broker tests use, said once per test run, not once per test class. */
    private static void once(String which) {
        if (SAID.compareAndSet(false, true)) {
            LOG.warn(which);
        }
    }

    /**
     * Asks Testcontainers only where a Docker daemon could answer (a {@code DOCKER_HOST}, or the default socket):
     * where neither is, its probe would log an ERROR for a fallback that is expected.
     */
    private static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))) {
            return false;
        }
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

    /** Stops the broker and deletes its data folder (each run used to leave one in the temp folder). */
    @Override
    public void close() throws Exception {
        broker.close();
        if (dataDir != null) {
            TempDirs.delete(dataDir);
        }
    }
}
