package io.attributionstreams.export;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The export's files as Parquet, for data lakes: each CSV the export writes becomes a Parquet file of the
 * same name with the same rows and columns, typed so that a query engine needs no casts. Text is a string;
 * {@code conversion_at} and {@code occurred_at} are UTC timestamps in microseconds; credit and the money
 * columns are exact decimals, at the largest scale the column holds (so no digit of a credit is lost);
 * counts are 64-bit integers; an empty cell is null. Snappy-compressed, written without Hadoop.
 */
public final class ParquetFiles {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    /**
     * {@code withConf} is overloaded for Hadoop's {@code Configuration} and Parquet's own: the compiler needs
     * Hadoop's class to tell them apart, so the Parquet one is looked up by its exact type.
     */
    private static final MethodHandle WITH_CONF = withConf();

    /** How a column is typed, by its name in the output files. */
    enum Kind {
        TEXT, TIMESTAMP, DECIMAL, COUNT;

        static Kind of(String column) {
            return switch (column) {
                case "conversion_at", "occurred_at" -> TIMESTAMP;
                case "credit", "revenue", "spend", "roas", "cost_per_conversion", "removal_effect" -> DECIMAL;
                case "touchpoints", "conversions" -> COUNT;
                default -> TEXT;
            };
        }
    }

    private ParquetFiles() {
    }

    private static MethodHandle withConf() {
        try {
            return MethodHandles.publicLookup().findVirtual(ParquetWriter.Builder.class, "withConf",
                    MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Parquet's writer has no withConf(ParquetConfiguration)", e);
        }
    }

    /** {@code attribution.csv} -> {@code attribution.parquet}, beside it or elsewhere. */
    public static Path parquetName(Path dir, String csvFile) {
        return dir.resolve(csvFile.replaceFirst("\\.csv$", ".parquet"));
    }

    /** Each file of {@code files} in {@code from} as Parquet in {@code to}. */
    public static void convert(Path from, List<String> files, Path to) {
        for (String file : files) {
            fromCsv(from.resolve(file), parquetName(to, file));
        }
    }

    /** Writes the rows of {@code csv} (a header, then rows) to {@code parquet}, typed by column name. */
    public static void fromCsv(Path csv, Path parquet) {
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(csv.toFile())) {
            it.forEachRemaining(rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + " has no header");
        }
        String[] header = rows.remove(0);
        Column[] columns = new Column[header.length];
        for (int c = 0; c < header.length; c++) {
            columns[c] = Column.of(header[c], rows, c);
        }
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column column : columns) {
            column.declare(message);
        }
        MessageType schema = message.named(csv.getFileName().toString().replaceFirst("\\.csv$", ""));
        write(parquet, schema, columns, rows);
    }

    private static void write(Path parquet, MessageType schema, Column[] columns, List<String[]> rows) {
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try {
            ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder()
                    .withFile(new LocalOutputFile(parquet));
            WITH_CONF.invoke(builder, new PlainParquetConfiguration());
            try (ParquetWriter<Group> writer = builder.withType(schema).withCodecFactory(new PlainCodecs())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                for (String[] row : rows) {
                    Group group = groups.newGroup();
                    for (int c = 0; c < columns.length; c++) {
                        columns[c].append(group, c < row.length ? row[c] : "");
                    }
                    writer.write(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + parquet + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** One column: its name, kind and, for a decimal, the scale and precision all its values fit. */
    private record Column(String name, Kind kind, int scale, int precision) {
        static Column of(String name, List<String[]> rows, int index) {
            Kind kind = Kind.of(name);
            if (kind != Kind.DECIMAL) {
                return new Column(name, kind, 0, 0);
            }
            int scale = 0;
            int integerDigits = 1;
            for (String[] row : rows) {
                if (index < row.length && !row[index].isEmpty()) {
                    BigDecimal value = new BigDecimal(row[index]);
                    scale = Math.max(scale, Math.max(0, value.scale()));
                    integerDigits = Math.max(integerDigits, value.precision() - value.scale());
                }
            }
            return new Column(name, kind, scale, integerDigits + scale);
        }

        void declare(Types.MessageTypeBuilder message) {
            switch (kind) {
                case TEXT -> message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
                case TIMESTAMP -> message.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
                case DECIMAL -> message.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name);
                case COUNT -> message.optional(PrimitiveTypeName.INT64).named(name);
                default -> throw new IllegalStateException(kind.name());
            }
        }

        void append(Group group, String cell) {
            if (cell.isEmpty()) {
                return; // null
            }
            switch (kind) {
                case TEXT -> group.append(name, cell);
                case TIMESTAMP -> {
                    Instant at = Instant.parse(cell);
                    group.append(name, Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
                            at.getNano() / 1_000));
                }
                case DECIMAL -> group.append(name, Binary.fromConstantByteArray(
                        new BigDecimal(cell).setScale(scale).unscaledValue().toByteArray()));
                case COUNT -> group.append(name, Long.parseLong(cell));
                default -> throw new IllegalStateException(kind.name());
            }
        }
    }
}
