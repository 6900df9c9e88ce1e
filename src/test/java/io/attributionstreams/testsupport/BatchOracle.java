package io.attributionstreams.testsupport;

import io.attributionstreams.batch.Guardrails;
import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.BatchWriter;
import io.attributionstreams.contract.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The batch engine as the oracle for what a harness was sent: the settled outputs equal it, byte for byte. */
public final class BatchOracle {
    private BatchOracle() {
    }

    /**
     * Settles the harness, exports it to {@code dir/stream}, runs batch on the final facts of {@code sent}
     * into {@code dir/batch}, and asserts both files equal, and every key's versions ran 1, 2, 3, ...
     */
    public static void assertConvergesToBatch(Path dir, AttributionSettings settings, List<FactRecord> sent,
            TopologyHarness harness) {
        assertConvergesToBatch(dir, settings, Guardrails.none(), sent, harness);
    }

    /** As above, batch run with {@code guardrails} (the harness configured to match). */
    public static void assertConvergesToBatch(Path dir, AttributionSettings settings, Guardrails guardrails,
            List<FactRecord> sent, TopologyHarness harness) {
        try {
            Path finalFacts = Files.createDirectories(dir.resolve("final"));
            FinalFacts.write(sent, finalFacts);
            Path batch = Files.createDirectories(dir.resolve("batch"));
            BatchRun.run(finalFacts, batch, settings, guardrails, null);
            Path stream = Files.createDirectories(dir.resolve("stream"));
            harness.exportTo(stream);
            assertThat(harness.versionViolations()).isEmpty();
            assertThat(stream.resolve("attribution.csv")).hasSameTextualContentAs(batch.resolve("attribution.csv"));
            assertThat(stream.resolve("channels.csv")).hasSameTextualContentAs(batch.resolve("channels.csv"));
            if (guardrails.maxClaimants() > 0) {
                // the topic is keyed by pseudonym already: written by the same writer, as they are
                java.util.Map<String, Integer> capped = new java.util.TreeMap<>();
                harness.latestCapped().forEach((pseudonym, claimants) -> capped.put(pseudonym, claimants.intValue()));
                BatchWriter.writeCapped(stream.resolve(OutputFiles.CAPPED_FILE), capped, pseudonym -> pseudonym);
                assertThat(stream.resolve(OutputFiles.CAPPED_FILE))
                        .hasSameTextualContentAs(batch.resolve(OutputFiles.CAPPED_FILE));
            } else {
                assertThat(harness.latestCapped()).isEmpty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
