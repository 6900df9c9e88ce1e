package io.attributionstreams.batch;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a fact file with Jackson's CSV parser (RFC 4180 quoting, UTF-8, header required,
 * columns in any order). Each row is handed over with its line number, the header being line 1:
 * the number of the record, as a spreadsheet or pandas counts it (blank lines skipped, a quoted
 * cell spanning lines still one row), which equals the text line in any file without those.
 */
public final class CsvFactReader {
    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvFactReader() {
    }

    /** Reads every data row of {@code file} in {@code dir}; returns the number of rows. */
    public static long read(Path dir, FactFile file, Consumer<CsvRow> rows) {
        Path path = dir.resolve(file.fileName());
        class Reading {
            Map<String, Integer> columns;
            long count;
        }
        Reading reading = new Reading();
        try {
            forEachRecord(path, cells -> {
                if (reading.columns == null) {
                    reading.columns = header(path, file, cells);
                } else {
                    reading.count++;
                    rows.accept(new CsvRow(file, reading.count + 1, reading.columns, cells.toArray(new String[0])));
                }
            });
        } catch (NoSuchFileException e) {
            throw new InputException("input file not found: " + path);
        } catch (IOException e) {
            throw new InputException("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (reading.columns == null) {
            throw new InputException(path + ": empty file, a header row is required");
        }
        return reading.count;
    }

    /**
     * Hands each record of a CSV file (UTF-8, RFC 4180 quoting, empty lines skipped) to {@code record} as
     * its cells, the header row first. The list is reused: a consumer copies what it keeps.
     */
    static void forEachRecord(Path path, Consumer<List<String>> record) throws IOException {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CsvParser parser = (CsvParser) MAPPER.reader()
                     .with(CsvSchema.emptySchema())
                     .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                     .createParser(reader)) {
            List<String> cells = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    cells.clear();
                } else if (token == JsonToken.VALUE_STRING) {
                    cells.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY) {
                    record.accept(cells);
                }
            }
        }
    }

    private static Map<String, Integer> header(Path path, FactFile file, List<String> cells) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (columns.putIfAbsent(name, i) != null) {
                throw new InputException(path + ": column '" + name + "' appears twice in the header");
            }
        }
        for (String required : file.requiredColumns()) {
            if (!columns.containsKey(required)) {
                throw new InputException(path + ": header lacks the required column '" + required + "'");
            }
        }
        return Map.copyOf(columns);
    }
}
