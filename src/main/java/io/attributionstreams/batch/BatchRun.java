package io.attributionstreams.batch;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.normalise.NormalisationCounters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** A whole batch run: read the four files, compute, write the three outputs, and say what happened. */
public final class BatchRun {
    private static final long PROGRESS_EVERY = 250_000;
    private static final int BATCH = 8_192;
    /** Put after the last batch; compared by identity. */
    private static final List<CsvRow> END_OF_INPUT = new ArrayList<>();

    private BatchRun() {
    }

    /** What a run did, for the closing summary (counts only: no phone or email). */
    public record Summary(long rows, long rejected, long customers, long converted, long invalidPhones,
            long invalidEmails, long attributionRows, long readMillis, long millis, long blockedValues,
            long cappedIdentifiers, long suppressedFacts, boolean guarded) {

        public Summary(long rows, long rejected, long customers, long converted, long invalidPhones,
                long invalidEmails, long attributionRows, long readMillis, long millis) {
            this(rows, rejected, customers, converted, invalidPhones, invalidEmails, attributionRows, readMillis,
                    millis, 0, 0, 0, false);
        }

        public String describe() {
            String guardrails = guarded ? String.format(Locale.ROOT,
                    ", %,d blocked values ignored, %,d identifiers capped, %,d facts suppressed",
                    blockedValues, cappedIdentifiers, suppressedFacts) : "";
            return String.format(Locale.ROOT,
                    "batch: %,d facts read, %,d rejected, %,d invalid phones and %,d invalid emails ignored%s, "
                            + "%,d customers, %,d converted, %,d attribution rows, %.2f s (%.2f s reading)",
                    rows, rejected, invalidPhones, invalidEmails, guardrails, customers, converted, attributionRows,
                    millis / 1000.0, readMillis / 1000.0);
        }
    }

    /** Reads every fact file in {@code input} into a fact set. */
    public static FactSet read(Path input, AttributionSettings settings, NormalisationCounters counters,
            PrintWriter progress) {
        return read(input, settings, Guardrails.none(), counters, progress);
    }

    /** Reads every fact file in {@code input} into a fact set, blocked and suppressed values screened out. */
    public static FactSet read(Path input, AttributionSettings settings, Guardrails guardrails,
            NormalisationCounters counters, PrintWriter progress) {
        FactSet facts = new FactSet(new FactNormaliser(settings.region(), settings.zone(), settings.currency(), counters,
                guardrails.blocked(), guardrails.suppressed()));
        // one thread parses the CSV text while the caller normalises (on both cores) and applies the batch
        // before: parsing and normalising had taken turns, and one core idled while the other parsed
        BlockingQueue<List<CsvRow>> batches = new ArrayBlockingQueue<>(4);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread parser = new Thread(() -> {
            try {
                for (FactFile file : FactFile.toRead(input)) {
                    if (file == FactFile.SPEND) {
                        facts.spendRead();
                    }
                    class Filling {
                        List<CsvRow> batch = new ArrayList<>(BATCH);
                        long seen;
                    }
                    Filling filling = new Filling();
                    CsvFactReader.read(input, file, row -> {
                        filling.batch.add(row);
                        if (filling.batch.size() == BATCH) {
                            put(batches, filling.batch);
                            filling.batch = new ArrayList<>(BATCH);
                        }
                        if (progress != null && ++filling.seen % PROGRESS_EVERY == 0) {
                            progress.printf(Locale.ROOT, "batch: %s %,d rows read%n", file.fileName(), filling.seen);
                        }
                    });
                    put(batches, filling.batch);
                }
            } catch (RuntimeException | Error e) {
                failure.set(e); // handed to the caller, after the end of input below
            } finally {
                put(batches, END_OF_INPUT);
            }
        }, "batch-csv-parser");
        parser.setDaemon(true);
        parser.start();
        try {
            for (List<CsvRow> batch = batches.take(); batch != END_OF_INPUT; batch = batches.take()) {
                facts.acceptAll(batch);
            }
            parser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + input, e);
        } finally {
            parser.interrupt(); // when normalising failed, the parser may wait on a full queue
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        } else if (failure.get() instanceof Error e) {
            throw e;
        }
        return facts;
    }

    private static void put(BlockingQueue<List<CsvRow>> batches, List<CsvRow> batch) {
        try {
            batches.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        }
    }

    public static Summary run(Path input, Path output, AttributionSettings settings, PrintWriter progress) {
        return run(input, output, settings, Guardrails.none(), progress);
    }

    /**
     * With guardrails (docs/contract.md §10, §11): blocked and suppressed values screened out while
     * reading, the claimant cap applied to the identity index, and {@code capped.csv} written when a
     * cap is set.
     */
    public static Summary run(Path input, Path output, AttributionSettings settings, Guardrails guardrails,
            PrintWriter progress) {
        long start = System.nanoTime();
        LongAdder invalidPhones = new LongAdder();
        LongAdder invalidEmails = new LongAdder();
        LongAdder blocked = new LongAdder();
        LongAdder suppressed = new LongAdder();
        NormalisationCounters counters = new NormalisationCounters() {
            @Override
            public void invalidPhone() {
                invalidPhones.increment();
            }

            @Override
            public void invalidEmail() {
                invalidEmails.increment();
            }

            @Override
            public void blockedIdentifier() {
                blocked.increment();
            }

            @Override
            public void suppressedFact() {
                suppressed.increment();
            }
        };
        FactSet facts = read(input, settings, guardrails, counters, progress);
        if (progress != null) {
            progress.printf(Locale.ROOT, "batch: %,d facts read, computing attribution%n", facts.rows());
        }
        long readMillis = (System.nanoTime() - start) / 1_000_000;
        BatchResult result = BatchWriter.computeAndWrite(new BatchEngine(settings, guardrails.maxClaimants()), facts,
                output);
        if (guardrails.maxClaimants() > 0) {
            BatchWriter.writeCapped(output.resolve(OutputFiles.CAPPED_FILE), result.capped(),
                    guardrails.pseudonyms()::of);
        }
        boolean guarded = guardrails.maxClaimants() > 0 || !guardrails.blocked().isEmpty()
                || !guardrails.suppressed().isEmpty();
        return new Summary(result.rows(), result.rejects().size(), result.customers(), result.convertedCustomers(),
                invalidPhones.sum(), invalidEmails.sum(), result.attributionRows(), readMillis,
                (System.nanoTime() - start) / 1_000_000, blocked.sum(), result.capped().size(), suppressed.sum(),
                guarded);
    }
}
