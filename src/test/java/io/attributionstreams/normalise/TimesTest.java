package io.attributionstreams.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.ZoneId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/contract.md §2, Time: every accepted form with its exact instant, and the rejections. */
class TimesTest {
    private static final Times UTC = new Times(ZoneId.of("UTC"));
    private static final Times NEW_YORK = new Times(ZoneId.of("America/New_York"));

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # ISO-8601 with offset or Z, fractions allowed
            2025-01-03T14:05:00-05:00            | 2025-01-03T19:05:00Z
            2025-01-03T14:05:00+05:30            | 2025-01-03T08:35:00Z
            2025-01-03T14:05:00Z                 | 2025-01-03T14:05:00Z
            2025-01-03T14:05:00+00:00            | 2025-01-03T14:05:00Z
            2025-01-25T19:32:44.000+00:00        | 2025-01-25T19:32:44Z
            2025-01-25T19:32:44.123Z             | 2025-01-25T19:32:44.123Z
            2025-01-25T19:32:44.123456789-05:00  | 2025-01-26T00:32:44.123456789Z
            2025-01-03 14:05:00Z                 | 2025-01-03T14:05:00Z
            2025-01-03 14:05:00-05:00            | 2025-01-03T19:05:00Z
            2025-01-03T14:05Z                    | 2025-01-03T14:05:00Z
            2025-01-03T14:05-05:00               | 2025-01-03T19:05:00Z
            # ISO local date-time, T or space, seconds optional: in the business zone
            2025-01-03T14:05:30                  | 2025-01-03T14:05:30Z
            2025-01-03T14:05                     | 2025-01-03T14:05:00Z
            2025-01-03 14:05:30                  | 2025-01-03T14:05:30Z
            2025-01-03 14:05                     | 2025-01-03T14:05:00Z
            2025-01-03 14:05:30.250              | 2025-01-03T14:05:30.250Z
            # ISO date: start of day in the zone
            2025-01-03                           | 2025-01-03T00:00:00Z
            2024-02-29                           | 2024-02-29T00:00:00Z
            # US M/d/yyyy, one-digit month and day allowed
            1/3/2025                             | 2025-01-03T00:00:00Z
            01/03/2025                           | 2025-01-03T00:00:00Z
            12/31/2025                           | 2025-12-31T00:00:00Z
            # ... with HH:mm or HH:mm:ss
            1/3/2025 14:05                       | 2025-01-03T14:05:00Z
            01/03/2025 14:05:30                  | 2025-01-03T14:05:30Z
            12/31/2025 23:59:59                  | 2025-12-31T23:59:59Z
            # ... with h:mm a
            1/3/2025 2:05 PM                     | 2025-01-03T14:05:00Z
            1/3/2025 2:05 AM                     | 2025-01-03T02:05:00Z
            1/3/2025 12:00 AM                    | 2025-01-03T00:00:00Z
            1/3/2025 12:30 AM                    | 2025-01-03T00:30:00Z
            1/3/2025 12:00 PM                    | 2025-01-03T12:00:00Z
            1/3/2025 12:30 PM                    | 2025-01-03T12:30:00Z
            1/3/2025 11:59 PM                    | 2025-01-03T23:59:00Z
            # epoch seconds (10 digits) and milliseconds (13 digits)
            1735913100                           | 2025-01-03T14:05:00Z
            0000000000                           | 1970-01-01T00:00:00Z
            9999999999                           | 2286-11-20T17:46:39Z
            1735913100123                        | 2025-01-03T14:05:00.123Z
            0000000000001                        | 1970-01-01T00:00:00.001Z
            # surrounding whitespace is trimmed
            '  2025-01-03T14:05:00Z  '           | 2025-01-03T14:05:00Z
            ' 1/3/2025 2:05 PM '                 | 2025-01-03T14:05:00Z
            """)
    void acceptedFormsInUtc(String value, Instant expected) {
        assertThat(UTC.parse(value, "occurred_at")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # an offset-less time is read in the business zone: EST (-05:00) in winter ...
            2025-01-03 14:05                     | 2025-01-03T19:05:00Z
            2025-01-03T14:05:30                  | 2025-01-03T19:05:30Z
            1/3/2025 2:05 PM                     | 2025-01-03T19:05:00Z
            1/3/2025                             | 2025-01-03T05:00:00Z
            2025-01-03                           | 2025-01-03T05:00:00Z
            # ... EDT (-04:00) in summer
            2025-07-03 14:05                     | 2025-07-03T18:05:00Z
            7/4/2025 9:00 AM                     | 2025-07-04T13:00:00Z
            7/4/2025 00:00:00                    | 2025-07-04T04:00:00Z
            2025-07-03                           | 2025-07-03T04:00:00Z
            # the DST switch days: midnight is still EST on 9 March, still EDT on 2 November
            2025-03-09                           | 2025-03-09T05:00:00Z
            2025-03-09 01:59                     | 2025-03-09T06:59:00Z
            2025-03-09 03:00                     | 2025-03-09T07:00:00Z
            2025-11-02                           | 2025-11-02T04:00:00Z
            2025-11-02 02:00                     | 2025-11-02T07:00:00Z
            # the contract is silent on local times that do not exist or exist twice; pinned to
            # java.time's ZonedDateTime rule: a gap time moves forward by the gap, an overlap takes the earlier offset
            2025-03-09 02:30                     | 2025-03-09T07:30:00Z
            2025-11-02 01:30                     | 2025-11-02T05:30:00Z
            # an explicit offset or an epoch value ignores the zone
            2025-07-03T14:05:00Z                 | 2025-07-03T14:05:00Z
            2025-01-03T14:05:00+01:00            | 2025-01-03T13:05:00Z
            1735913100                           | 2025-01-03T14:05:00Z
            1735913100123                        | 2025-01-03T14:05:00.123Z
            """)
    void offsetLessTimesAreInTheBusinessZone(String value, Instant expected) {
        assertThat(NEW_YORK.parse(value, "occurred_at")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' rejected")
    @ValueSource(strings = {
            "2025-13-01",                 // month 13
            "2025-02-30",                 // no such day
            "02/30/2025",                 // no such day, US form
            "31/01/2025",                 // d/M/yyyy: month 31
            "2025/01/03",                 // yyyy/MM/dd is not a contract form
            "not a date",
            "12345",                      // 5 digits: neither epoch form
            "17359131001",                // 11 digits
            "173591310012",               // 12 digits
            "17359131001234",             // 14 digits
            "13:00 PM",                   // a time without a date
            "1/3/2025 13:00 PM",          // h:mm a with an hour above 12
            "1/3/2025 0:05 AM",           // h:mm a with hour 0
            "1/3/2025 24:00",
            "2025-01-03T25:00:00Z",
            "2025-01-03T14:60",
            "2025-01-03T14:05:00.Z",      // a decimal point with no fraction digits
            "2025-01-03T14:05:00+05:60",  // no such offset
            "1/3/2025 2:05PM",            // h:mm a needs the space before the marker
            "1/3/2025 2:05:00 PM",        // seconds with AM/PM is not a contract form
            "2025-01-03T",
            "1/3/25",                     // two-digit year
            "-1735913100",
    })
    void unparseableTimesNameTheValue(String value) {
        assertThat(reasonOf(() -> UTC.parse(value, "occurred_at"))).isEqualTo("unparseable time '" + value + "'");
        assertThat(reasonOf(() -> NEW_YORK.parse(value, "occurred_at")))
                .isEqualTo("unparseable time '" + value + "'");
    }

    @Test
    void theRejectedValueIsNamedTrimmed() {
        assertThat(reasonOf(() -> UTC.parse("  not a date \t", "paid_at"))).isEqualTo("unparseable time 'not a date'");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void aBlankRequiredTimeIsMissing(String blank) {
        assertThat(reasonOf(() -> UTC.parse(blank, "occurred_at"))).isEqualTo("missing occurred_at");
        assertThat(reasonOf(() -> UTC.parse(blank, "booked_at"))).isEqualTo("missing booked_at");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aBlankOptionalTimeIsAbsent(String blank) {
        assertThat(UTC.parseOptional(blank, "attended_at")).isNull();
    }

    @Test
    void anOptionalTimeThatIsPresentMustStillParse() {
        assertThat(UTC.parseOptional(" 2025-01-03 ", "attended_at")).isEqualTo(Instant.parse("2025-01-03T00:00:00Z"));
        assertThat(reasonOf(() -> UTC.parseOptional("soon", "attended_at"))).isEqualTo("unparseable time 'soon'");
    }

    private static String reasonOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RejectedFactException.class);
        return ((RejectedFactException) thrown).reason();
    }
}
