package io.attributionstreams.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/contract.md §2, Email: trimmed, lower-cased, one '@', non-empty local part, dotted domain. */
class EmailsTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '  Ann.Lee@Example.COM '      | ann.lee@example.com
            ann.lee@example.com           | ann.lee@example.com
            BOB@MAIL.EXAMPLE.CO.UK        | bob@mail.example.co.uk
            A+Tag@Example.org             | a+tag@example.org
            x@y.z                         | x@y.z
            """)
    void keptTrimmedAndLowerCased(String raw, String expected) {
        assertThat(Emails.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> null")
    @NullSource
    @ValueSource(strings = {
            "dave@example",       // no dot in the domain
            "dave.lee@example",   // a dot in the local part does not count
            "@example.com",       // empty local part
            "a@@example.com",     // two '@'
            "a@b@c.com",          // two '@'
            "plainaddress",       // no '@'
            "a@",                 // empty domain
            "",
            "   ",
    })
    void rejectedToNull(String raw) {
        assertThat(Emails.normalise(raw)).isNull();
    }
}
