package io.attributionstreams.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/contract.md §2, Text: every value is trimmed; an empty cell is absent. */
class TextTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            Google Ads          | Google Ads
            '  Google Ads  '    | Google Ads
            ' spring SALE'      | spring SALE
            x                   | x
            """)
    void cleanTrimsAndKeepsCase(String raw, String expected) {
        assertThat(Text.clean(raw)).isEqualTo(expected);
        assertThat(Text.required(raw, "channel")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' is absent")
    @NullSource
    @ValueSource(strings = {"", " ", "   ", "\t", " \n "})
    void blankIsAbsentAndMissingWhenRequired(String blank) {
        assertThat(Text.clean(blank)).isNull();
        Throwable thrown = catchThrowable(() -> Text.required(blank, "channel"));
        assertThat(thrown).isInstanceOf(RejectedFactException.class);
        assertThat(((RejectedFactException) thrown).reason()).isEqualTo("missing channel");
    }
}
