package io.attributionstreams.batch;

import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.normalise.Money;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code attribution.csv}, {@code channels.csv} and {@code rejects.csv} exactly as SEMANTICS
 * section 7 says. The export command writes the same files through this class, so a batch run
 * and a streaming export compare byte for byte.
 */
public final class BatchWriter {
    public static final String ATTRIBUTION_FILE = "attribution.csv";
    public static final String CHANNELS_FILE = "channels.csv";
    public static final String REJECTS_FILE = "rejects.csv";

    public static final List<String> ATTRIBUTION_HEADER = List.of("customer_id", "conversion_type", "model",
            "conversion_at", "interaction_id", "type", "channel", "campaign", "occurred_at", "credit", "revenue");
    public static final List<String> CHANNELS_HEADER =
            List.of("conversion_type", "model", "channel", "credit", "revenue", "touchpoints");
    public static final List<String> REJECTS_HEADER = List.of("file", "line", "id", "reason");

    private BatchWriter() {
    }

    /** Computes and writes the three files of a batch run into {@code dir}. */
    public static BatchResult computeAndWrite(BatchEngine engine, FactSet facts, Path dir) {
        BatchResult result;
        try (AttributionCsv attribution = new AttributionCsv(dir.resolve(ATTRIBUTION_FILE))) {
            result = engine.run(facts, attribution::write);
        }
        writeChannels(dir.resolve(CHANNELS_FILE), result.channels());
        writeRejects(dir.resolve(REJECTS_FILE), result.rejects());
        return result;
    }

    /** @param outcomes attributed outcomes, already in output order */
    public static void writeAttribution(Path file, Collection<Outcome> outcomes) {
        try (AttributionCsv out = new AttributionCsv(file)) {
            outcomes.forEach(out::write);
        }
    }

    /** {@code attribution.csv}, written one outcome at a time, in the order given. */
    public static final class AttributionCsv implements AutoCloseable {
        private final CsvRows rows;

        public AttributionCsv(Path file) {
            this.rows = new CsvRows(file, ATTRIBUTION_HEADER);
        }

        public void write(Outcome o) {
            String conversionAt = Formats.time(o.conversionAt());
            for (CreditedTouchpoint t : o.touchpoints()) {
                rows.write(o.customerId(), o.type().name(), o.model(), conversionAt,
                        t.interactionId(), t.type().label(), t.channel(), t.campaign() == null ? "" : t.campaign(),
                        Formats.time(t.occurredAt()), Formats.credit(t.credit()), Money.format(t.revenueCents()));
            }
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    /** @param channels rows in output order */
    public static void writeChannels(Path file, Map<ChannelKey, ChannelTotal> channels) {
        try (CsvRows rows = new CsvRows(file, CHANNELS_HEADER)) {
            channels.forEach((key, total) -> rows.write(key.type().name(), key.model(), key.channel(),
                    Formats.credit(total.credit()), Money.format(total.revenueCents()),
                    Long.toString(total.touchpoints())));
        }
    }

    public static void writeRejects(Path file, List<Reject> rejects) {
        try (CsvRows rows = new CsvRows(file, REJECTS_HEADER)) {
            for (Reject r : rejects) {
                rows.write(r.file(), Long.toString(r.line()), r.id(), r.reason());
            }
        }
    }
}
