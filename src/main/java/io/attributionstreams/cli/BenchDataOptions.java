package io.attributionstreams.cli;

import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/** The generated data set every benchmark starts from: the seed's full size by default. */
final class BenchDataOptions {
    @Option(names = "--customers", paramLabel = "N", defaultValue = "100000", description = "Distinct customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--interactions", paramLabel = "M", defaultValue = "1000000",
            description = "Distinct interactions (default: ${DEFAULT-VALUE}).")
    int interactions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed of the data, shuffle and timing (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The spec the benchmarks generate: with upserts (5% of facts revised) and times in UTC. */
    GeneratorSpec spec() {
        return new GeneratorSpec(customers, interactions, seed, 0.05, ZoneOffset.UTC);
    }

    DataGenerator.Written writeTo(Path dir) throws IOException {
        return new DataGenerator(spec()).writeTo(dir);
    }
}
