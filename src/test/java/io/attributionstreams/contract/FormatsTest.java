package io.attributionstreams.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({
        "0.25, 0.25",
        "1, 1",
        "1.000000000000000000, 1",
        "0.1666666666666666666666666666666667, 0.166666666666667",
        "1.083333333333333333333333333333333, 1.08333333333333",
        "0.000499798511257678123, 0.000499798511257678",
        "0.0000323230722952352123, 3.23230722952352e-05",
        "0.00000000000000000323230722952352, 3.23230722952352e-18",
        "0, 0",
        "123456789012345678, 1.23456789012346e+17",
    })
    void creditIsWrittenLikePercentPointFifteenG(String value, String written) {
        assertThat(Formats.credit(new BigDecimal(value))).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({
        "2025-01-03T19:05:00Z, 2025-01-03T19:05:00Z",
        "2025-01-03T19:05:00.120Z, 2025-01-03T19:05:00.120Z",
        "1969-12-31T23:59:59Z, 1969-12-31T23:59:59Z",
        "0999-01-01T00:00:00Z, 0999-01-01T00:00:00Z",
    })
    void timesAreIsoUtc(String instant, String written) {
        assertThat(Formats.time(Instant.parse(instant))).isEqualTo(written).isEqualTo(Instant.parse(instant).toString());
    }

    @Test
    void noTimeIsEmpty() {
        assertThat(Formats.time(null)).isEmpty();
    }
}
