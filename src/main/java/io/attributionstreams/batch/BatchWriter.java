package io.attributionstreams.batch;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.normalise.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** Quotes a cell only when it must (a comma, a quote, a line break), as most CSV writers do. */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private BatchWriter() {
    }

    public static void writeAll(Path dir, BatchResult result) {
        writeAttribution(dir.resolve(ATTRIBUTION_FILE), result.outcomes());
        writeChannels(dir.resolve(CHANNELS_FILE), result.channels());
        writeRejects(dir.resolve(REJECTS_FILE), result.rejects());
    }

    /** @param outcomes attributed outcomes, already in output order */
    public static void writeAttribution(Path file, Collection<Outcome> outcomes) {
        try (Rows rows = new Rows(file, ATTRIBUTION_HEADER)) {
            for (Outcome o : outcomes) {
                for (CreditedTouchpoint t : o.touchpoints()) {
                    rows.write(o.customerId(), o.type().name(), o.model(), Formats.time(o.conversionAt()),
                            t.interactionId(), t.type().label(), t.channel(), t.campaign() == null ? "" : t.campaign(),
                            Formats.time(t.occurredAt()), Formats.credit(t.credit()), Money.format(t.revenueCents()));
                }
            }
        }
    }

    /** @param channels rows in output order */
    public static void writeChannels(Path file, Map<ChannelKey, ChannelTotal> channels) {
        try (Rows rows = new Rows(file, CHANNELS_HEADER)) {
            channels.forEach((key, total) -> rows.write(key.type().name(), key.model(), key.channel(),
                    Formats.credit(total.credit()), Money.format(total.revenueCents()),
                    Long.toString(total.touchpoints())));
        }
    }

    public static void writeRejects(Path file, List<Reject> rejects) {
        try (Rows rows = new Rows(file, REJECTS_HEADER)) {
            for (Reject r : rejects) {
                rows.write(r.file(), Long.toString(r.line()), r.id(), r.reason());
            }
        }
    }

    /** A CSV file written row by row with RFC 4180 quoting where a cell needs it. */
    private static final class Rows implements AutoCloseable {
        private final SequenceWriter writer;

        Rows(Path file, List<String> header) {
            try {
                Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                this.writer = MAPPER.writerFor(String[].class)
                        .with(CsvSchema.emptySchema().withLineSeparator("\r\n"))
                        .writeValues(out);
                writer.write(header.toArray(new String[0]));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        void write(String... cells) {
            try {
                writer.write(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
