package io.attributionstreams.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.attributionstreams.contract.OutputFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.PlainReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files read back with Parquet's own reader and no Hadoop, as a data lake's reader would: each cell as
 * null, a string, an exact decimal, an instant or a count, checked against the CSV rows they were made from.
 */
public final class ParquetRows {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private ParquetRows() {
    }

    /** A cell as read back: null, a string, an exact decimal, an instant or a count. */
    public static List<List<Object>> read(Path parquet, List<String> header) throws IOException {
        ParquetReadOptions options = PlainReadOptions.of(new PlainCodecs(), new PlainParquetConfiguration());
        List<List<Object>> rows = new ArrayList<>();
        try (ParquetFileReader reader = new ParquetFileReader(new LocalInputFile(parquet), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(schema.getFields()).extracting(Type::getName).containsExactlyElementsOf(header);
            var io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group group = records.read();
                    List<Object> row = new ArrayList<>();
                    for (int c = 0; c < schema.getFieldCount(); c++) {
                        row.add(group.getFieldRepetitionCount(c) == 0 ? null
                                : value(group, c, schema.getType(c).asPrimitiveType()));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Object value(Group group, int c, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            return new BigDecimal(new BigInteger(group.getBinary(c, 0).getBytes()), decimal.getScale());
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
            assertThat(timestamp.isAdjustedToUTC()).isTrue();
            long micros = group.getLong(c, 0);
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
        }
        if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
            return group.getString(c, 0);
        }
        assertThat(type.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
        return group.getLong(c, 0);
    }

    public static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(file.toFile())) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** Every Parquet file of {@code dir} holds its CSV's rows, in order, each cell the same value. */
    public static void assertSameRows(Path csvDir, Path parquetDir) throws IOException {
        for (String file : OutputFiles.EXPORTED) {
            List<String[]> expected = csv(csvDir.resolve(file));
            List<String> header = List.of(expected.remove(0));
            List<List<Object>> actual = read(ParquetFiles.parquetName(parquetDir, file), header);
            assertThat(actual).as(file).hasSameSizeAs(expected);
            for (int r = 0; r < expected.size(); r++) {
                for (int c = 0; c < header.size(); c++) {
                    String cell = c < expected.get(r).length ? expected.get(r)[c] : "";
                    Object value = actual.get(r).get(c);
                    String where = file + " row " + (r + 1) + " " + header.get(c);
                    if (cell.isEmpty()) {
                        assertThat(value).as(where).isNull();
                    } else if (value instanceof BigDecimal decimal) {
                        assertThat(decimal).as(where).isEqualByComparingTo(cell);
                    } else if (value instanceof Instant instant) {
                        assertThat(instant).as(where).isEqualTo(Instant.parse(cell));
                    } else if (value instanceof Long count) {
                        assertThat(count).as(where).isEqualTo(Long.parseLong(cell));
                    } else {
                        assertThat(value).as(where).isEqualTo(cell);
                    }
                }
            }
        }
    }
}
