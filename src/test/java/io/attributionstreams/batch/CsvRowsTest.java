package io.attributionstreams.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.contract.Formats;
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

    /** attribution.csv's own renderer (shared cells written once) against Jackson on the same rows. */
    @Test
    void attributionRowsRenderAsJacksonRendersThem() {
        java.time.Instant at = java.time.Instant.parse("2025-04-08T08:55:00Z");
        List<io.attributionstreams.attribution.CreditedTouchpoint> touchpoints = List.of(
                new io.attributionstreams.attribution.CreditedTouchpoint("IN1", io.attributionstreams.facts.InteractionType.CALL,
                        "google,ads", null, at.minusSeconds(90_061), new java.math.BigDecimal("0.5"), java.math.BigInteger.valueOf(-1234)),
                new io.attributionstreams.attribution.CreditedTouchpoint("IN\"2", io.attributionstreams.facts.InteractionType.FORM,
                        "yelp", "été", at.minusMillis(1), new java.math.BigDecimal("0.5"), java.math.BigInteger.ZERO));
        io.attributionstreams.attribution.Outcome outcome = new io.attributionstreams.attribution.Outcome("CU,1",
                io.attributionstreams.conversion.ConversionType.FIRST_PAID, "linear", at, java.math.BigInteger.valueOf(-1234),
                touchpoints, at.minusSeconds(90_061));
        List<String[]> rows = touchpoints.stream().map(t -> new String[] {outcome.customerId(), outcome.type().name(),
            outcome.model(), Formats.time(outcome.conversionAt()), t.interactionId(), t.type().label(), t.channel(),
            t.campaign(), Formats.time(t.occurredAt()), Formats.credit(t.credit()),
            io.attributionstreams.normalise.Money.format(t.revenueCents())}).toList();
        String rendered = new BatchWriter.AttributionCsv(tempFile()).render(List.of(outcome, outcome));
        String expected = CsvRows.renderWithJackson(rows);
        assertThat(rendered).isEqualTo(expected + expected)
                .startsWith("\"CU,1\",FIRST_PAID,linear,2025-04-08T08:55:00Z,IN1,call,\"google,ads\",,2025-04-07T07:53:59Z,0.5,-12.34\r\n");
    }

    /**
     * A touchpoint's cells are written once per customer and reused: an outcome whose touchpoint of the same
     * interaction has other cells (a path transform's channel) must still get its own.
     */
    @Test
    void touchpointCellsAreReusedOnlyWhenTheyAreTheSame() {
        java.time.Instant at = java.time.Instant.parse("2025-04-08T08:55:00Z");
        var first = new io.attributionstreams.attribution.CreditedTouchpoint("IN1",
                io.attributionstreams.facts.InteractionType.CALL, "google", "spring, promo", at.minusSeconds(60),
                new java.math.BigDecimal("1"), java.math.BigInteger.ZERO);
        var relabelled = new io.attributionstreams.attribution.CreditedTouchpoint("IN1",
                io.attributionstreams.facts.InteractionType.CALL, "paid_search", "spring, promo", at.minusSeconds(60),
                new java.math.BigDecimal("0.5"), java.math.BigInteger.valueOf(250));
        var moved = new io.attributionstreams.attribution.CreditedTouchpoint("IN1",
                io.attributionstreams.facts.InteractionType.CALL, "google", "spring, promo", at.minusSeconds(61),
                new java.math.BigDecimal("0.5"), java.math.BigInteger.ZERO);
        java.util.List<io.attributionstreams.attribution.Outcome> outcomes = java.util.stream.Stream.of(first,
                relabelled, moved, first).map(t -> new io.attributionstreams.attribution.Outcome("CU1",
                        io.attributionstreams.conversion.ConversionType.FIRST_CONTACT, "linear", at,
                        java.math.BigInteger.ZERO, List.of(t), at)).toList();
        assertThat(new BatchWriter.AttributionCsv(tempFile()).render(outcomes)).isEqualTo(
                "CU1,FIRST_CONTACT,linear,2025-04-08T08:55:00Z,IN1,call,google,\"spring, promo\",2025-04-08T08:54:00Z,1,0.00\r\n"
                + "CU1,FIRST_CONTACT,linear,2025-04-08T08:55:00Z,IN1,call,paid_search,\"spring, promo\",2025-04-08T08:54:00Z,0.5,2.50\r\n"
                + "CU1,FIRST_CONTACT,linear,2025-04-08T08:55:00Z,IN1,call,google,\"spring, promo\",2025-04-08T08:53:59Z,0.5,0.00\r\n"
                + "CU1,FIRST_CONTACT,linear,2025-04-08T08:55:00Z,IN1,call,google,\"spring, promo\",2025-04-08T08:54:00Z,1,0.00\r\n");
    }

    private static java.nio.file.Path tempFile() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("attribution", ".csv");
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
