package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.Golden;
import io.attributionstreams.testsupport.GoldenGuardrails;
import io.attributionstreams.testsupport.OutputComparison;
import io.attributionstreams.testsupport.Settings;
import io.attributionstreams.testsupport.TopologyHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/contract.md §8 on the golden examples: fed as topic records in file order, in reverse, and
 * in random interleavings of the four topics (each key keeping its order), the latest record per
 * key converges to the batch answer, byte for byte, with versions rising by exactly one. The topology
 * runs with its optional credit rows on (a branch of its own, which changes no other output): folded,
 * they are the rows of the attribution file, each at its answer's version ({@link CreditRowsTest#assertRowsAreTheAnswers}).
 */
class GoldenConvergenceTest {
    @TempDir
    Path tmp;

    /** Every example; guardrails with its blocked file and claimant cap as options, and its erasures as requests. */
    static List<String> examples() {
        return Golden.examples();
    }

    /** Erasure requests, if any, after every fact. */
    @ParameterizedTest
    @MethodSource("examples")
    void fileOrder(String example) throws IOException {
        converges(example, records -> records, new Random(1), false);
    }

    /** Erasure requests, if any, before every fact. */
    @ParameterizedTest
    @MethodSource("examples")
    void reverseOrder(String example) throws IOException {
        converges(example, FactRecord::reversed, new Random(2), true);
    }

    /** Erasure requests, if any, each at a random place among the facts. */
    @ParameterizedTest
    @MethodSource("examples")
    void randomOrders(String example) throws IOException {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed * 7919 + example.hashCode());
            converges(example, records -> FactRecord.shuffled(records, random), random, null);
        }
    }

    /** @param requestsFirst true: requests before the facts, false: after, null: each at a random place */
    private void converges(String example, UnaryOperator<List<FactRecord>> order, Random where, Boolean requestsFirst)
            throws IOException {
        GoldenGuardrails guardrails = GoldenGuardrails.of(example);
        AttributionSettings settings = Settings.fromArgs(guardrails.attributionArgs());
        Path batch = Files.createTempDirectory(tmp, "batch");
        Path stream = Files.createTempDirectory(tmp, "stream");
        BatchRun.Summary summary = BatchRun.run(Golden.input(example), batch, settings, guardrails.batch(), null);

        try (TopologyHarness harness = new TopologyHarness(settings, Pacing.DEFAULT, guardrails.identity(),
                Outputs.WITH_CREDITS)) {
            List<Object> steps = new ArrayList<>(order.apply(FactRecord.read(Golden.input(example))));
            for (GoldenGuardrails.Request request : guardrails.requests()) {
                int at = requestsFirst == null ? where.nextInt(steps.size() + 1) : requestsFirst ? 0 : steps.size();
                steps.add(at, request);
            }
            for (Object step : steps) {
                if (step instanceof GoldenGuardrails.Request request) {
                    harness.pipeErasure(request.id(), request.json());
                } else {
                    harness.pipe((FactRecord) step);
                }
            }
            harness.exportTo(stream);
            CreditRowsTest.assertRowsAreTheAnswers(harness, stream);

            assertThat(harness.versionViolations()).isEmpty();
            assertThat(harness.deadLetters()).hasSize((int) summary.rejected());
        }
        assertThat(OutputComparison.differences(Golden.expected(example), stream, false)).isEmpty();
        for (String file : List.of("attribution.csv", "channels.csv", "campaigns.csv", "months.csv",
                "paths.csv")) {
            assertThat(stream.resolve(file)).as(file).hasSameBinaryContentAs(batch.resolve(file));
        }
    }
}
