package io.attributionstreams.generate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/** The many ways real exports write the same time, phone or email. */
final class MessyFormats {
    private static final ZoneOffset[] OFFSETS = {
        ZoneOffset.UTC, ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-8), ZoneOffset.ofHours(1),
        ZoneOffset.ofHoursMinutes(5, 30)
    };
    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter ISO_OFFSET_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");
    private static final DateTimeFormatter ISO_LOCAL_T = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter ISO_LOCAL_SPACE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter US_12H = DateTimeFormatter.ofPattern("M/d/uuuu h:mm a", Locale.US);
    private static final DateTimeFormatter US_24H = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm");
    private static final DateTimeFormatter US_SECONDS = DateTimeFormatter.ofPattern("M/d/uuuu HH:mm:ss");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu");
    private static final String[] BAD_TIMES = {"2025-13-01", "not a date", "31/01/2025", "2025/01/03", "yesterday",
        "02/30/2025", "12345", "2025-01-03T25:00:00Z"};

    private final SplittableRandom random;
    private final ZoneId zone;

    MessyFormats(SplittableRandom random, ZoneId zone) {
        this.random = random;
        this.zone = zone;
    }

    /** Any accepted form; the instant written may lose seconds or the time of day, as real exports do. */
    String time(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        return switch (random.nextInt(12)) {
            case 0, 1 -> t.atOffset(OFFSETS[random.nextInt(OFFSETS.length)]).format(ISO_OFFSET);
            case 2 -> t.atOffset(ZoneOffset.UTC).format(ISO_OFFSET).replace("+00:00", "Z");
            case 3 -> t.atOffset(OFFSETS[random.nextInt(OFFSETS.length)]).format(ISO_OFFSET_MILLIS);
            case 4 -> local.format(ISO_LOCAL_T);
            case 5 -> local.format(ISO_LOCAL_SPACE);
            case 6 -> random.nextInt(4) == 0 ? local.format(ISO_DATE) : local.format(ISO_LOCAL_T);
            case 7 -> local.format(US_12H);
            case 8 -> local.format(US_24H);
            case 9 -> random.nextInt(3) == 0 ? local.format(US_DATE) : local.format(US_SECONDS);
            case 10 -> Long.toString(t.getEpochSecond());
            default -> Long.toString(t.toEpochMilli());
        };
    }

    String badTime() {
        return BAD_TIMES[random.nextInt(BAD_TIMES.length)];
    }

    /** A ten-digit NANP number written one of many ways, sometimes with an extension. */
    String phone(String digits) {
        String area = digits.substring(0, 3);
        String exchange = digits.substring(3, 6);
        String line = digits.substring(6);
        String written = switch (random.nextInt(8)) {
            case 0 -> "(" + area + ") " + exchange + "-" + line;
            case 1 -> area + "-" + exchange + "-" + line;
            case 2 -> area + "." + exchange + "." + line;
            case 3 -> digits;
            case 4 -> "+1 " + area + " " + exchange + " " + line;
            case 5 -> "1-" + area + "-" + exchange + "-" + line;
            case 6 -> "+1" + digits;
            default -> "1" + digits;
        };
        return random.nextInt(15) == 0 ? written + " x" + (1 + random.nextInt(99)) : written;
    }

    /** A number libphonenumber rejects: bad area code, too short, a foreign trunk prefix, letters only. */
    String invalidPhone() {
        return switch (random.nextInt(5)) {
            case 0 -> "(123) 456-" + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
            case 1 -> "555-" + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
            case 2 -> "06" + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
            case 3 -> "(999) 123-4567";
            default -> "CALL-ME";
        };
    }

    /** The same address as a person might type it: odd case, stray spaces. */
    String email(String address) {
        return switch (random.nextInt(6)) {
            case 0 -> address.toUpperCase(Locale.ROOT);
            case 1 -> " " + address + " ";
            case 2 -> Character.toUpperCase(address.charAt(0)) + address.substring(1);
            default -> address;
        };
    }

    String invalidEmail(String name) {
        return switch (random.nextInt(3)) {
            case 0 -> name + "@example";
            case 1 -> name + ".example.com";
            default -> name + "@@example.com";
        };
    }

    /** An interaction type in the case a careless export would use. */
    String type(String label) {
        return switch (random.nextInt(6)) {
            case 0 -> label.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(label.charAt(0)) + label.substring(1);
            default -> label;
        };
    }
}
