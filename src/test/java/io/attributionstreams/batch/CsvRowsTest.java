package io.attributionstreams.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The fast path of {@link CsvRows#render} must write exactly what Jackson writes, whatever the cells. */
class CsvRowsTest {

    @Test
    void quotesOnlyWhereJacksonDoes() {
        List<String[]> rows = List.<String[]>of(
                new String[] {"CU1", "FIRST_PAID", "0.0344827586206897", "2025-04-08T08:55:00Z", "-12.34"},
                new String[] {"a,b", "say \"hi\"", "line\nbreak", "cr\rhere", ""},
                new String[] {" spaced ", null, "café", "#hash", "tab\there"});
        assertThat(CsvRows.render(rows)).isEqualTo(CsvRows.renderWithJackson(rows))
                .startsWith("CU1,FIRST_PAID,0.0344827586206897,2025-04-08T08:55:00Z,-12.34\r\n"
                        + "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\",\r\n");
    }

    @Property(tries = 500)
    void anyRowsRenderAsJacksonRendersThem(@ForAll("rows") List<List<String>> cells) {
        List<String[]> rows = cells.stream().map(row -> row.toArray(new String[0])).toList();
        assertThat(CsvRows.render(rows)).isEqualTo(CsvRows.renderWithJackson(rows));
    }

    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc019 ._-:+/,\"\r\n\t#é€").ofMaxLength(8),
                Arbitraries.strings().ascii().ofMaxLength(6),
                Arbitraries.strings().all().ofMaxLength(4));
        return cell.list().ofMinSize(1).ofMaxSize(5).list().ofMaxSize(4);
    }
}
