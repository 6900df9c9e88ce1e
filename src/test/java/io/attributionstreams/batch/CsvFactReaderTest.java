package io.attributionstreams.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFactReaderTest {

    private static List<CsvRow> read(Path dir) {
        List<CsvRow> rows = new ArrayList<>();
        CsvFactReader.read(dir, FactFile.PAYMENTS, rows::add);
        return rows;
    }

    @Test
    void columnsInAnyOrderWithBomAndQuotedLineBreaks(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("payments.csv"), "\uFEFFcurrency,Amount,paid_at,customer_id,payment_id,note\r\n"
                + "USD,10.00,2025-01-01,C1,P1,\"a\nnote\"\r\n"
                + "\r\n"
                + "USD,\"1,5\",2025-01-02,C2,P2,x\r\n");

        List<CsvRow> rows = read(dir);

        assertThat(rows).extracting(CsvRow::id).containsExactly("P1", "P2");
        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L);
        assertThat(rows.get(0).payment().amount()).isEqualTo("10.00");
        assertThat(rows.get(1).payment().amount()).isEqualTo("1,5");
        assertThat(rows.get(0).get("attended_at")).isNull();
    }

    @Test
    void missingColumnNamesIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("payments.csv"), "payment_id,customer_id,paid_at,amount\nP1,C1,2025-01-01,1\n");

        assertThatThrownBy(() -> read(dir)).isInstanceOf(InputException.class)
                .hasMessageEndingWith("payments.csv: header lacks the required column 'currency'");
    }

    @Test
    void emptyFileAndDuplicateColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("payments.csv"), "");
        assertThatThrownBy(() -> read(dir)).hasMessageContaining("empty file");

        Files.writeString(dir.resolve("payments.csv"), "payment_id,payment_id,customer_id,paid_at,amount,currency\n");
        assertThatThrownBy(() -> read(dir)).hasMessageContaining("column 'payment_id' appears twice");
    }

    @Test
    void shortRowsReadAsAbsent(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("payments.csv"), "payment_id,customer_id,paid_at,amount,currency\nP1,C1\n");

        assertThat(read(dir).get(0).payment().currency()).isNull();
    }
}
