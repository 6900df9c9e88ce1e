package io.attributionstreams.normalise;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time forms of docs/contract.md §2, and nothing else:
 * <ul>
 *   <li>ISO-8601 with an offset or {@code Z}: {@code 2025-01-03T14:05:00-05:00}, fractions allowed;</li>
 *   <li>ISO local date-time with {@code T} or a space, seconds optional: {@code 2025-01-03 14:05};</li>
 *   <li>ISO date, meaning its start of day: {@code 2025-01-03};</li>
 *   <li>US {@code M/d/yyyy} with optional {@code HH:mm}, {@code HH:mm:ss} or {@code h:mm a};</li>
 *   <li>epoch seconds (10 digits) or milliseconds (13 digits).</li>
 * </ul>
 * A time without an offset is in the business zone. Parsed by hand, field by field, because it
 * runs for every fact and a formatter-based parse was the slowest step of reading a million rows;
 * {@code java.time} still validates every field (no 30 February, no hour 25).
 */
public final class Times {
    /** The earliest time accepted (docs/contract.md §9): older ones are typing errors, not marketing. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The first time no longer accepted. */
    public static final Instant END = Instant.parse("3000-01-01T00:00:00Z");

    private final ZoneId zone;

    public Times(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The instant a value names, or a rejection naming the value. */
    public Instant parse(String raw, String field) {
        String value = Text.required(raw, field);
        Instant parsed;
        try {
            parsed = parseOrNull(value);
        } catch (DateTimeException | ArithmeticException e) {
            parsed = null;
        }
        if (parsed == null) {
            throw new RejectedFactException("unparseable time " + Text.quote(value));
        }
        if (parsed.isBefore(EARLIEST) || !parsed.isBefore(END)) {
            throw new RejectedFactException(field + " out of range");
        }
        return parsed;
    }

    /** Like {@link #parse} for an optional field: absent gives null. */
    public Instant parseOptional(String raw, String field) {
        return Text.clean(raw) == null ? null : parse(raw, field);
    }

    private Instant parseOrNull(String s) {
        int n = s.length();
        if (digits(s, 0, n)) {
            return n == 10 ? Instant.ofEpochSecond(Long.parseLong(s))
                    : n == 13 ? Instant.ofEpochMilli(Long.parseLong(s)) : null;
        }
        if (s.indexOf('/') >= 0) {
            return us(s);
        }
        return iso(s);
    }

    /** {@code yyyy-MM-dd}, optionally {@code [T ]HH:mm[:ss[.f…]]} and then optionally {@code Z} or {@code ±HH:MM}. */
    private Instant iso(String s) {
        int n = s.length();
        if (n < 10 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 7) || s.charAt(7) != '-'
                || !digits(s, 8, 10)) {
            return null;
        }
        LocalDate date = LocalDate.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10));
        if (n == 10) {
            return date.atStartOfDay(zone).toInstant();
        }
        char sep = s.charAt(10);
        if ((sep != 'T' && sep != ' ') || n < 16 || !digits(s, 11, 13) || s.charAt(13) != ':' || !digits(s, 14, 16)) {
            return null;
        }
        int hour = num(s, 11, 13);
        int minute = num(s, 14, 16);
        int second = 0;
        int nano = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            if (i + 3 > n || !digits(s, i + 1, i + 3)) {
                return null;
            }
            second = num(s, i + 1, i + 3);
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                int count = i - start;
                if (count == 0 || count > 9) {
                    return null;
                }
                nano = num(s, start, i);
                for (int k = count; k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        LocalDateTime local = LocalDateTime.of(date, LocalTime.of(hour, minute, second, nano));
        if (i == n) {
            return local.atZone(zone).toInstant();
        }
        if (s.charAt(i) == 'Z' && i + 1 == n) {
            return local.toInstant(ZoneOffset.UTC);
        }
        char sign = s.charAt(i);
        if ((sign == '+' || sign == '-') && i + 6 == n && digits(s, i + 1, i + 3) && s.charAt(i + 3) == ':'
                && digits(s, i + 4, i + 6)) {
            int hours = num(s, i + 1, i + 3);
            int minutes = num(s, i + 4, i + 6);
            ZoneOffset offset = sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes)
                    : ZoneOffset.ofHoursMinutes(-hours, -minutes);
            return local.toInstant(offset);
        }
        return null;
    }

    /** {@code M/d/yyyy}, optionally followed by {@code H:mm}, {@code H:mm:ss} or {@code h:mm AM}. */
    private Instant us(String s) {
        int n = s.length();
        int slash1 = s.indexOf('/');
        int slash2 = s.indexOf('/', slash1 + 1);
        if (slash1 < 1 || slash1 > 2 || slash2 - slash1 < 2 || slash2 - slash1 > 3 || slash2 + 5 > n
                || !digits(s, 0, slash1) || !digits(s, slash1 + 1, slash2) || !digits(s, slash2 + 1, slash2 + 5)) {
            return null;
        }
        LocalDate date = LocalDate.of(num(s, slash2 + 1, slash2 + 5), num(s, 0, slash1), num(s, slash1 + 1, slash2));
        int i = slash2 + 5;
        if (i == n) {
            return date.atStartOfDay(zone).toInstant();
        }
        int timeStart = skipSpaces(s, i);
        if (timeStart == i) {
            return null;
        }
        int colon = s.indexOf(':', timeStart);
        if (colon - timeStart < 1 || colon - timeStart > 2 || colon + 3 > n || !digits(s, timeStart, colon)
                || !digits(s, colon + 1, colon + 3)) {
            return null;
        }
        int hour = num(s, timeStart, colon);
        int minute = num(s, colon + 1, colon + 3);
        int second = 0;
        i = colon + 3;
        if (i < n && s.charAt(i) == ':') {
            if (i + 3 != n || !digits(s, i + 1, i + 3)) {
                return null;
            }
            second = num(s, i + 1, i + 3);
            i = n;
        } else if (i < n) {
            int m = skipSpaces(s, i);
            if (m == i || m + 2 != n || Character.toUpperCase(s.charAt(m + 1)) != 'M') {
                return null;
            }
            char half = Character.toUpperCase(s.charAt(m));
            if ((half != 'A' && half != 'P') || hour < 1 || hour > 12) {
                return null;
            }
            hour = hour % 12 + (half == 'P' ? 12 : 0);
            i = n;
        }
        return LocalDateTime.of(date, LocalTime.of(hour, minute, second)).atZone(zone).toInstant();
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to || to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }
}
