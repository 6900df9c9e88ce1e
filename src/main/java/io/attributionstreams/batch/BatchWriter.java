package io.attributionstreams.batch;

import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.channels.PathKey;
import io.attributionstreams.channels.SpendTotals;
import io.attributionstreams.contract.Formats;
import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.normalise.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes {@code attribution.csv}, {@code channels.csv}, {@code campaigns.csv}, {@code months.csv},
 * {@code paths.csv} and {@code rejects.csv} exactly as docs/contract.md §7, §12 and §15 say, under the names and headers of
 * {@link OutputFiles}. The export command writes the same files through this class, so a batch run
 * and a streaming export compare byte for byte.
 */
public final class BatchWriter {
    private BatchWriter() {
    }

    /** Computes and writes the three files of a batch run into {@code dir}. */
    public static BatchResult computeAndWrite(BatchEngine engine, FactSet facts, Path dir) {
        BatchResult result;
        try (AttributionCsv attribution = new AttributionCsv(dir.resolve(OutputFiles.ATTRIBUTION_FILE))) {
            result = engine.run(facts, attribution);
        }
        writeChannels(dir.resolve(OutputFiles.CHANNELS_FILE), result.channels(), !result.removalEffects().isEmpty(),
                result.removalEffects(), result.spend());
        writeCampaigns(dir.resolve(OutputFiles.CAMPAIGNS_FILE), result.campaigns(), result.spend());
        writeMonths(dir.resolve(OutputFiles.MONTHS_FILE), result.months(), result.spend());
        writePaths(dir.resolve(OutputFiles.PATHS_FILE), result.paths());
        writeRejects(dir.resolve(OutputFiles.REJECTS_FILE), result.rejects());
        return result;
    }

    /** @param outcomes attributed outcomes, already in output order */
    public static void writeAttribution(Path file, Collection<Outcome> outcomes) {
        try (AttributionCsv out = new AttributionCsv(file)) {
            out.writeAll(outcomes);
        }
    }

    /**
     * {@code attribution.csv}: each customer's rows rendered to CSV text by Jackson on the worker that
     * computed them, then appended in output order.
     */
    public static final class AttributionCsv implements OutcomeSink<String>, AutoCloseable {
        private final Path file;
        private final Writer out;

        public AttributionCsv(Path file) {
            this.file = file;
            try {
                this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                out.write(CsvRows.render(List.<String[]>of(OutputFiles.ATTRIBUTION_HEADER.toArray(new String[0]))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        /**
         * Straight into one builder, as {@link CsvRows#render} would write the rows: the four cells an outcome's
         * rows share are written once and copied, and every cell goes through {@link CsvRows#appendCell}. A
         * million interactions give four million rows, and a row of eleven strings each had cost more than
         * computing it. A touchpoint's own five cells (id, type, channel, campaign, time) are the same in every
         * outcome that credits it, one per conversion type and model: they are written once per customer and
         * copied (in a flight recording of the 1M data set, rendering was a sixth of the warm run's samples and a
         * fifth of its allocation, most of it these cells and their times).
         */
        @Override
        public String render(List<Outcome> outcomes) {
            long rows = 0;
            for (Outcome o : outcomes) {
                rows += o.touchpoints().size();
            }
            // a row of the 1M data set is 121 characters on average; a customer with millions grows the builder
            StringBuilder text = new StringBuilder((int) Math.min(rows * 128, 1 << 24));
            StringBuilder shared = new StringBuilder(64);
            Map<String, Cells> touchpointCells = new HashMap<>();
            for (Outcome o : outcomes) {
                shared.setLength(0);
                CsvRows.appendCell(shared, o.customerId()).append(',');
                CsvRows.appendCell(shared, o.type().name()).append(',');
                CsvRows.appendCell(shared, o.model()).append(',');
                CsvRows.appendCell(shared, Formats.time(o.conversionAt())).append(',');
                for (CreditedTouchpoint t : o.touchpoints()) {
                    text.append(shared);
                    Cells cells = touchpointCells.get(t.interactionId());
                    if (cells == null || !cells.renders(t)) {
                        cells = new Cells(t);
                        touchpointCells.put(t.interactionId(), cells);
                    }
                    text.append(cells.text());
                    CsvRows.appendCell(text, Formats.credit(t.credit())).append(',');
                    CsvRows.appendCell(text, Money.format(t.revenueCents())).append(CsvRows.LINE_END);
                }
            }
            return text.toString();
        }

        /** A touchpoint's id, type, channel, campaign and time as CSV cells, each followed by its comma. */
        private record Cells(CreditedTouchpoint from, String text) {
            Cells(CreditedTouchpoint t) {
                this(t, touchpointText(t));
            }

            private static String touchpointText(CreditedTouchpoint t) {
                StringBuilder text = new StringBuilder(64);
                CsvRows.appendCell(text, t.interactionId()).append(',');
                CsvRows.appendCell(text, t.type().label()).append(',');
                CsvRows.appendCell(text, t.channel()).append(',');
                CsvRows.appendCell(text, t.campaign()).append(',');
                CsvRows.appendCell(text, Formats.time(t.occurredAt())).append(',');
                return text.toString();
            }

            /** Whether {@code t} has the cells {@code from} had (a path transform may have changed a channel). */
            boolean renders(CreditedTouchpoint t) {
                return t == from || t.type() == from.type() && Objects.equals(t.channel(), from.channel())
                        && Objects.equals(t.campaign(), from.campaign())
                        && Objects.equals(t.occurredAt(), from.occurredAt());
            }
        }

        @Override
        public void write(String rendered) {
            try {
                out.write(rendered);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        /** Writes outcomes of any number of customers, already in output order. */
        public void writeAll(Collection<Outcome> outcomes) {
            write(render(List.copyOf(outcomes)));
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** @param channels rows in output order */
    public static void writeChannels(Path file, Map<ChannelKey, ChannelTotal> channels) {
        writeChannels(file, channels, false, Map.of(), (SpendTotals) null);
    }

    /**
     * @param withRemovalEffects whether the {@code markov} model has rows: the file then has a
     *     {@code removal_effect} column, empty on the other models' rows
     * @param spend the spend sums, or null when the input had no spend: the file then has no money columns
     */
    public static void writeChannels(Path file, Map<ChannelKey, ChannelTotal> channels, boolean withRemovalEffects,
            Map<ChannelKey, Double> removalEffects, SpendTotals spend) {
        writeChannels(file, channels, withRemovalEffects, removalEffects,
                spend == null ? null : key -> spend.channel(key.channel()));
    }

    /**
     * {@code channels.csv} with what was spent on each row's channel; no money columns when {@code spent} is null.
     * The export command writes the topic's rows through this, with the spend each row carries.
     */
    public static void writeChannels(Path file, Map<ChannelKey, ChannelTotal> channels, boolean withRemovalEffects,
            Map<ChannelKey, Double> removalEffects, Function<ChannelKey, BigInteger> spent) {
        List<String> header = new ArrayList<>(OutputFiles.CHANNELS_HEADER);
        if (withRemovalEffects) {
            header.add(OutputFiles.REMOVAL_EFFECT);
        }
        if (spent != null) {
            header.addAll(OutputFiles.MONEY_COLUMNS);
        }
        try (CsvRows rows = new CsvRows(file, header)) {
            channels.forEach((key, total) -> {
                List<String> row = new ArrayList<>(List.of(key.type().name(), key.model(), key.channel()));
                row.addAll(sums(total));
                if (withRemovalEffects) {
                    Double effect = removalEffects.get(key);
                    row.add(effect == null ? "" : Formats.credit(BigDecimal.valueOf(effect)));
                }
                if (spent != null) {
                    row.addAll(SpendTotals.moneyCells(total, spent.apply(key)));
                }
                rows.write(row.toArray(new String[0]));
            });
        }
    }

    /** {@code campaigns.csv} (docs/contract.md §12), money columns when there is spend. */
    public static void writeCampaigns(Path file, Map<CampaignKey, ChannelTotal> campaigns, SpendTotals spend) {
        writeCampaigns(file, campaigns, spend == null ? null : key -> spend.campaign(key.channel(), key.campaign()));
    }

    /**
     * {@code campaigns.csv} with what was spent on each row's key; no money columns when {@code spent} is
     * null. The export command writes the topic's rows through this, with the spend each row carries.
     */
    public static void writeCampaigns(Path file, Map<CampaignKey, ChannelTotal> campaigns,
            Function<CampaignKey, BigInteger> spent) {
        writeTotals(file, OutputFiles.CAMPAIGNS_HEADER, campaigns, spent,
                key -> List.of(key.type().name(), key.model(), key.channel(), key.campaign()));
    }

    /** {@code months.csv} (docs/contract.md §12), money columns when there is spend. */
    public static void writeMonths(Path file, Map<MonthKey, ChannelTotal> months, SpendTotals spend) {
        writeMonths(file, months, spend == null ? null : key -> spend.month(key.month(), key.channel()));
    }

    /** {@code months.csv} as {@link #writeCampaigns(Path, Map, Function)} writes {@code campaigns.csv}. */
    public static void writeMonths(Path file, Map<MonthKey, ChannelTotal> months, Function<MonthKey, BigInteger> spent) {
        writeTotals(file, OutputFiles.MONTHS_HEADER, months, spent,
                key -> List.of(key.type().name(), key.model(), key.month().toString(), key.channel()));
    }

    /** {@code paths.csv} (docs/contract.md §15): conversions and revenue per (type, path), sorted by both. */
    public static void writePaths(Path file, Map<PathKey, ChannelTotal> paths) {
        try (CsvRows rows = new CsvRows(file, OutputFiles.PATHS_HEADER)) {
            paths.forEach((key, total) -> rows.write(key.type().name(), key.text(), Long.toString(total.customers()),
                    Money.format(total.revenueCents())));
        }
    }

    /**
     * Rows of totals by any key: the key's cells, the sums, then (with spend) the money cells; {@code baseHeader}
     * names the key and the sums.
     *
     * @param spent what was spent on a row's key; null when there is no spend (no money columns)
     */
    private static <K> void writeTotals(Path file, List<String> baseHeader, Map<K, ChannelTotal> totals,
            Function<K, BigInteger> spent, Function<K, List<String>> keyCells) {
        List<String> header = new ArrayList<>(baseHeader);
        if (spent != null) {
            header.addAll(OutputFiles.MONEY_COLUMNS);
        }
        try (CsvRows rows = new CsvRows(file, header)) {
            totals.forEach((key, total) -> {
                List<String> row = new ArrayList<>(keyCells.apply(key));
                row.addAll(sums(total));
                if (spent != null) {
                    row.addAll(SpendTotals.moneyCells(total, spent.apply(key)));
                }
                rows.write(row.toArray(new String[0]));
            });
        }
    }

    /** credit, revenue, touchpoints. */
    private static List<String> sums(ChannelTotal total) {
        return List.of(Formats.credit(total.credit()), Money.format(total.revenueCents()),
                Long.toString(total.touchpoints()));
    }

    /**
     * {@code capped.csv} (docs/contract.md §10): each capped identifier as its pseudonym, never its
     * value, with its claimant count, sorted by pseudonym.
     *
     * @param capped identifiers in the spelling of {@code facts.Identifiers}, with their claimants
     */
    public static void writeCapped(Path file, Map<String, Integer> capped, Function<String, String> pseudonym) {
        java.util.TreeMap<String, Integer> rowsByPseudonym = new java.util.TreeMap<>();
        capped.forEach((identifier, claimants) -> rowsByPseudonym.put(pseudonym.apply(identifier), claimants));
        try (CsvRows rows = new CsvRows(file, OutputFiles.CAPPED_HEADER)) {
            rowsByPseudonym.forEach((p, claimants) -> rows.write(p, Integer.toString(claimants)));
        }
    }

    public static void writeRejects(Path file, List<Reject> rejects) {
        try (CsvRows rows = new CsvRows(file, OutputFiles.REJECTS_HEADER)) {
            for (Reject r : rejects) {
                rows.write(r.file(), Long.toString(r.line()), r.id(), r.reason());
            }
        }
    }
}
