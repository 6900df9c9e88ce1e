package io.attributionstreams.batch;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file written row by row with Jackson's streaming CSV generator: RFC 4180, UTF-8, CRLF
 * line ends, a cell quoted only when it must be (a comma, a quote, a line break).
 */
public final class CsvRows implements AutoCloseable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    static final String LINE_END = "\r\n";
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator(LINE_END);

    private final Path file;
    private final CsvGenerator generator;

    public CsvRows(Path file, List<String> header) {
        this.file = file;
        try {
            // the streaming generator, not a databind writer: no per-row flush, no per-row serializer lookup
            this.generator = (CsvGenerator) MAPPER.getFactory()
                    .createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE));
            generator.setSchema(SCHEMA);
            write(header.toArray(new String[0]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rows as CSV text, in the same form a {@code CsvRows} file has; thread-safe. Each cell is written as
     * {@link #appendCell} says, which is what Jackson writes for it, at a fraction of the cost: that
     * mattered for the millions of rows of {@code attribution.csv}.
     */
    public static String render(List<String[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 120);
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                appendCell(text, row[i]);
            }
            text.append(LINE_END);
        }
        return text.toString();
    }

    /**
     * One cell, as Jackson's generator writes it with a strict check for quoting: as it is when it holds no
     * comma, quote or line break (measured: those four characters alone make Jackson quote), else written
     * by Jackson itself; a cell with any character beyond ASCII is left to Jackson too. Null is empty.
     */
    public static StringBuilder appendCell(StringBuilder text, String cell) {
        if (cell == null) {
            return text;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c >= 0x80 || c == ',' || c == '"' || c == '\n' || c == '\r') {
                String row = renderWithJackson(List.<String[]>of(new String[] {cell}));
                return text.append(row, 0, row.length() - LINE_END.length());
            }
        }
        return text.append(cell);
    }

    /** Rows as CSV text, every row through Jackson's generator: the reference {@link #render} must equal. */
    static String renderWithJackson(List<String[]> rows) {
        java.io.StringWriter text = new java.io.StringWriter(rows.size() * 120);
        try (CsvGenerator g = (CsvGenerator) MAPPER.getFactory().createGenerator(text)) {
            g.setSchema(SCHEMA);
            for (String[] row : rows) {
                writeRow(g, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** One row; a null cell is written empty. */
    public void write(String... cells) {
        try {
            writeRow(generator, cells);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeRow(CsvGenerator g, String[] cells) throws IOException {
        g.writeStartArray();
        for (String cell : cells) {
            g.writeString(cell == null ? "" : cell);
        }
        g.writeEndArray();
    }

    @Override
    public void close() {
        try {
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
