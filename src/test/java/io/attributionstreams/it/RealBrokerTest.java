package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.testsupport.KafkaFixture;
import io.attributionstreams.export.VersionChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every real-broker test shares: one broker per test class (see {@link KafkaFixture}), a
 * generated data set with its batch answer, and the final check that the exported topics equal it.
 */
public abstract class RealBrokerTest {
    protected static KafkaFixture kafka;

    @BeforeAll
    protected static void startBroker() {
        kafka = KafkaFixture.start();
    }

    @AfterAll
    protected static void stopBroker() throws Exception {
        kafka.close();
    }

    /** Generated CSV files and the batch engine's answer on them. */
    record DataSet(Path input, Path batch, BatchRun.Summary summary) {
    }

    static DataSet generate(Path tmp, int customers, int interactions, long seed, double revisions) throws IOException {
        return generate(tmp, customers, interactions, seed, revisions, AttributionSettings.defaults(), false);
    }

    /** @param spend whether the data has spend facts ({@code spend.csv}) */
    static DataSet generate(Path tmp, int customers, int interactions, long seed, double revisions,
            AttributionSettings settings, boolean spend) throws IOException {
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(customers, interactions, seed, revisions, ZoneOffset.UTC, 0, spend))
                .writeTo(input);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        return new DataSet(input, batch, BatchRun.run(input, batch, settings, null));
    }

    /**
     * The output topics, read with read_committed, equal the batch files byte for byte, and every
     * key's versions run 1, 2, 3, ... with none doubled or skipped.
     */
    static void assertTopicsEqualBatch(DataSet data, Path tmp) throws IOException {
        Exporter.Snapshot snapshot = Exporter.read(kafka.bootstrapServers());
        Path stream = Files.createDirectories(tmp.resolve("stream"));
        snapshot.write(stream);
        assertThat(stream.resolve("attribution.csv")).hasSameBinaryContentAs(data.batch().resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameBinaryContentAs(data.batch().resolve("channels.csv"));
        for (String file : List.of("campaigns.csv", "months.csv", "paths.csv")) {
            assertThat(stream.resolve(file)).as(file).hasSameBinaryContentAs(data.batch().resolve(file));
        }
        assertThat(VersionChain.check(kafka.bootstrapServers())).isEmpty();
    }
}
