package io.attributionstreams.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.normalise.NormalisationCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties on generated, messy facts (every model at once): each answer's credits sum to one
 * and its revenue to R exactly; shuffling the rows (each id's rows kept in file order, as Kafka
 * keeps order per key) or repeating rows changes no output byte.
 */
class BatchPropertiesTest {
    private static final AttributionSettings EVERY_MODEL = AttributionSettings.defaults()
            .withModels(CreditModels.named(CreditModels.names()))
            .withLookback(Duration.ofDays(45))
            .withHalfLife(Duration.ofDays(3));

    @Property(tries = 25)
    void creditsSumToOneAndRevenueToR(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws IOException {
        Path data = generate(seed);
        try {
            FactSet facts = BatchRun.read(data, EVERY_MODEL, NormalisationCounters.NONE, null);
            List<Outcome> outcomes = new BatchEngine(EVERY_MODEL).attributedOutcomes(facts);

            assertThat(outcomes).isNotEmpty();
            for (Outcome outcome : outcomes) {
                BigDecimal credit = outcome.touchpoints().stream().map(CreditedTouchpoint::credit)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigInteger cents = outcome.touchpoints().stream().map(CreditedTouchpoint::revenueCents)
                        .reduce(BigInteger.ZERO, BigInteger::add);
                assertThat(credit.subtract(BigDecimal.ONE).abs()).as(outcome.key()).isLessThan(new BigDecimal("1e-12"));
                assertThat(cents).as(outcome.key()).isEqualTo(outcome.revenueCents());
                assertThat(outcome.touchpoints()).allSatisfy(t -> assertThat(t.credit().signum()).isPositive());
            }
        } finally {
            deleteTree(data);
        }
    }

    @Property(tries = 15)
    void shufflingOrRepeatingRowsChangesNoOutputByte(@ForAll @LongRange(min = 1, max = 1_000_000) long seed)
            throws IOException {
        Path data = generate(seed);
        Path shuffled = Files.createTempDirectory("shuffled");
        try {
            Random random = new Random(seed);
            for (FactFile file : FactFile.toRead(data)) {
                rewrite(data.resolve(file.fileName()), shuffled.resolve(file.fileName()), random);
            }

            assertThat(outputOf(shuffled)).isEqualTo(outputOf(data));
        } finally {
            deleteTree(data);
            deleteTree(shuffled);
        }
    }

    private static Map<String, String> outputOf(Path input) throws IOException {
        Path out = Files.createTempDirectory("out");
        try {
            BatchRun.run(input, out, EVERY_MODEL, null);
            Map<String, String> files = new LinkedHashMap<>();
            for (String name : List.of("attribution.csv", "channels.csv")) {
                files.put(name, Files.readString(out.resolve(name)));
            }
            return files;
        } finally {
            deleteTree(out);
        }
    }

    /**
     * Interleaves the rows of different ids at random, keeps each id's rows in their order, and
     * repeats some rows right after themselves (an identical upsert).
     */
    private static void rewrite(Path from, Path to, Random random) throws IOException {
        List<String> lines = Files.readAllLines(from);
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String id = line.substring(0, Math.max(0, line.indexOf(',')));
            // rows without an id are each their own group
            byId.computeIfAbsent(id.isEmpty() ? "#" + byId.size() : id, k -> new ArrayList<>()).add(line);
        }
        List<String> slots = new ArrayList<>();
        byId.forEach((id, rows) -> rows.forEach(r -> slots.add(id)));
        Collections.shuffle(slots, random);
        Map<String, Integer> next = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String id : slots) {
            int i = next.merge(id, 1, Integer::sum) - 1;
            String row = byId.get(id).get(i);
            out.add(row);
            if (random.nextInt(10) == 0 && i == byId.get(id).size() - 1) {
                out.add(row);
            }
        }
        Files.write(to, out);
    }

    private static Path generate(long seed) throws IOException {
        Path dir = Files.createTempDirectory("generated");
        new DataGenerator(new GeneratorSpec(40, 400, seed, 0.2, ZoneOffset.UTC)).writeTo(dir);
        return dir;
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
