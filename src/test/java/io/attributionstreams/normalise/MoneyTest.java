package io.attributionstreams.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/contract.md §2, Money: exact decimal in the configured currency (USD, 2 minor digits). */
class MoneyTest {
    private static final Money USD = new Money("USD");

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1} cents")
    @CsvSource(delimiter = '|', textBlock = """
            100.00      | 10000
            -9.99       | -999
            5           | 500
            0.5         | 50
            +1.20       | 120
            100.000     | 10000
            0           | 0
            -0.01       | -1
            '  12.34 '  | 1234
            """)
    void centsExactly(String raw, long expected) {
        assertThat(USD.cents(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            12.345      | amount '12.345' has more than 2 decimals
            0.001       | amount '0.001' has more than 2 decimals
            abc         | unparseable amount 'abc'
            '1,234.00'  | unparseable amount '1,234.00'
            1e5         | unparseable amount '1e5'
            $5.00       | unparseable amount '$5.00'
            ''          | missing amount
            '   '       | missing amount
            """)
    void rejectedAmounts(String raw, String reason) {
        assertThat(reasonOf(() -> USD.cents(raw))).isEqualTo(reason);
    }

    @Test
    void theConfiguredCurrencyIsAcceptedInAnyCase() {
        assertThatCode(() -> USD.checkCurrency("usd")).doesNotThrowAnyException();
        assertThatCode(() -> USD.checkCurrency(" USD ")).doesNotThrowAnyException();
        assertThat(new Money("usd").currency()).isEqualTo("USD");
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EUR    | currency EUR is not USD
            eur    | currency EUR is not USD
            GBP    | currency GBP is not USD
            ''     | missing currency
            """)
    void anotherCurrencyIsRejected(String raw, String reason) {
        assertThat(reasonOf(() -> USD.checkCurrency(raw))).isEqualTo(reason);
    }

    @Test
    void theConfiguredCurrencyMustBeAThreeLetterCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Money("US"))
                .withMessage("currency must be a three-letter code, got 'US'");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2500    | 25.00
            -999    | -9.99
            0       | 0.00
            -5      | -0.05
            5       | 0.05
            10      | 0.10
            100     | 1.00
            123456  | 1234.56
            -100    | -1.00
            """)
    void formatWithExactlyTwoDecimals(long cents, String expected) {
        assertThat(Money.format(cents)).isEqualTo(expected);
    }

    private static String reasonOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RejectedFactException.class);
        return ((RejectedFactException) thrown).reason();
    }
}
