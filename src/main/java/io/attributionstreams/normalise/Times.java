package io.attributionstreams.normalise;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time forms of SEMANTICS section 2, and nothing else. A time without an offset is read in
 * the business zone.
 */
public final class Times {
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern OFFSET_AT_END = Pattern.compile(".*(Z|z|[+-]\\d{2}:\\d{2})$");
    private static final Pattern US = Pattern.compile(
            "(\\d{1,2})/(\\d{1,2})/(\\d{4})"
                    + "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})|\\s+([AaPp][Mm]))?)?");

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
        try {
            Instant parsed = parseOrNull(value);
            if (parsed != null) {
                return parsed;
            }
        } catch (DateTimeException | ArithmeticException e) {
            // falls through to the rejection below
        }
        throw new RejectedFactException("unparseable time '" + value + "'");
    }

    /** Like {@link #parse} for an optional field: absent gives null. */
    public Instant parseOptional(String raw, String field) {
        return Text.clean(raw) == null ? null : parse(raw, field);
    }

    private Instant parseOrNull(String value) {
        if (isDigits(value)) {
            if (value.length() == 10) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 13) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return null;
        }
        if (value.indexOf('/') >= 0) {
            return parseUs(value);
        }
        if (ISO_DATE.matcher(value).matches()) {
            return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(zone).toInstant();
        }
        String iso = value.length() > 10 && value.charAt(10) == ' '
                ? value.substring(0, 10) + 'T' + value.substring(11)
                : value;
        if (OFFSET_AT_END.matcher(iso).matches()) {
            return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
    }

    private Instant parseUs(String value) {
        Matcher m = US.matcher(value);
        if (!m.matches()) {
            return null;
        }
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)));
        LocalTime time = LocalTime.MIDNIGHT;
        if (m.group(4) != null) {
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            String meridiem = m.group(7);
            if (meridiem != null) {
                if (hour < 1 || hour > 12) {
                    return null;
                }
                boolean pm = Character.toUpperCase(meridiem.charAt(0)) == 'P';
                hour = hour % 12 + (pm ? 12 : 0);
            }
            time = LocalTime.of(hour, minute, second);
        }
        return LocalDateTime.of(date, time).atZone(zone).toInstant();
    }

    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
