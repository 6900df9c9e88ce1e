package io.attributionstreams.export;

import io.attributionstreams.batch.BatchWriter;
import io.attributionstreams.batch.CsvRows;
import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.channels.PathKey;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.Formats;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.contract.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes the latest records of the output topics as {@code attribution.csv}, {@code channels.csv} and (from
 * the campaign, monthly and path totals) {@code campaigns.csv}, {@code months.csv} and {@code paths.csv},
 * in the batch format and order, so a streaming answer and a batch answer compare byte for byte.
 */
public final class ExportFiles {
    private static final Comparator<AttributionUpdate> RECORD_ORDER = Comparator
            .comparing(AttributionUpdate::customerId)
            .thenComparing(AttributionUpdate::conversionType)
            .thenComparing(AttributionUpdate::model);

    private ExportFiles() {
    }

    public static void write(Path dir, Collection<AttributionUpdate> updates, Collection<ChannelTotalRecord> totals) {
        List<AttributionUpdate> records = new ArrayList<>(updates);
        records.sort(RECORD_ORDER);
        try (CsvRows rows = new CsvRows(dir.resolve(OutputFiles.ATTRIBUTION_FILE), OutputFiles.ATTRIBUTION_HEADER)) {
            for (AttributionUpdate r : records) {
                for (AttributionUpdate.Touchpoint t : r.touchpoints()) {
                    rows.write(r.customerId(), r.conversionType(), r.model(), r.conversionAt(), t.interactionId(),
                            t.type(), t.channel(), t.campaign(), t.occurredAt(), Formats.credit(t.credit()), t.revenue());
                }
            }
        }
        // as batch writes it: a removal_effect column when markov has rows, and the money columns when spend
        // facts were counted (batch: when the input has spend)
        SortedMap<ChannelKey, ChannelTotal> channelRows = new TreeMap<>();
        Map<ChannelKey, Double> removalEffects = new HashMap<>();
        for (ChannelTotalRecord c : totals) {
            channelRows.put(c.key(), c.total());
            if (c.removalEffect() != null) {
                removalEffects.put(c.key(), c.removalEffect());
            }
        }
        boolean money = totals.stream().anyMatch(c -> c.spendFacts() > 0);
        BatchWriter.writeChannels(dir.resolve(OutputFiles.CHANNELS_FILE), channelRows, !removalEffects.isEmpty(),
                removalEffects, money ? key -> channelRows.get(key).spendCents() : null);
    }

    /**
     * As {@link #write(Path, Collection, Collection)}, and {@code campaigns.csv} and {@code months.csv} from the
     * campaign and monthly totals, with the money columns when spend facts were counted (as channels.csv), and
     * {@code paths.csv} from the path totals.
     */
    public static void write(Path dir, Collection<AttributionUpdate> updates, Collection<ChannelTotalRecord> totals,
            Collection<CampaignTotalRecord> campaigns, Collection<MonthTotalRecord> months,
            Collection<PathTotalRecord> paths) {
        write(dir, updates, totals);
        boolean money = totals.stream().anyMatch(c -> c.spendFacts() > 0);
        SortedMap<CampaignKey, ChannelTotal> campaignRows = new TreeMap<>();
        campaigns.forEach(c -> campaignRows.put(c.key(), c.total()));
        BatchWriter.writeCampaigns(dir.resolve(OutputFiles.CAMPAIGNS_FILE), campaignRows,
                money ? key -> campaignRows.get(key).spendCents() : null);
        SortedMap<MonthKey, ChannelTotal> monthRows = new TreeMap<>();
        months.forEach(m -> monthRows.put(m.key(), m.total()));
        BatchWriter.writeMonths(dir.resolve(OutputFiles.MONTHS_FILE), monthRows,
                money ? key -> monthRows.get(key).spendCents() : null);
        SortedMap<PathKey, ChannelTotal> pathRows = new TreeMap<>();
        paths.forEach(p -> pathRows.put(p.key(), p.total()));
        BatchWriter.writePaths(dir.resolve(OutputFiles.PATHS_FILE), pathRows);
    }

    /** Where the exported files in {@code exported} first differ from batch's in {@code batch}; empty when equal. */
    public static List<String> differences(Path batch, Path exported) {
        List<String> differences = new ArrayList<>();
        for (String file : List.of(OutputFiles.ATTRIBUTION_FILE, OutputFiles.CHANNELS_FILE, OutputFiles.CAMPAIGNS_FILE,
                OutputFiles.MONTHS_FILE, OutputFiles.PATHS_FILE)) {
            try {
                long at = Files.mismatch(batch.resolve(file), exported.resolve(file));
                if (at >= 0) {
                    differences.add(file + " differs from batch at byte " + at);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot compare " + file + ": " + e.getMessage(), e);
            }
        }
        return differences;
    }
}
