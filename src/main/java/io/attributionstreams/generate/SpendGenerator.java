package io.attributionstreams.generate;

import io.attributionstreams.batch.CsvRows;
import io.attributionstreams.batch.FactFile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code spend.csv} (docs/contract.md §12): daily spend per channel and campaign as ad platforms report
 * it. Paid channels spend most days, more on weekdays; TV and direct mail in flights; referral and
 * website traffic is earned, not bought, so they spend little or nothing; {@code tiktok} spends and
 * reaches nobody. With the mess of real exports: times for dates, lower-case currencies, corrections
 * as later rows of the same id and as negative amounts, and a few rows to reject.
 */
final class SpendGenerator {
    /** Spend-only: no interaction names it, so its money buys nothing. */
    static final String SPEND_ONLY_CHANNEL = "tiktok";

    private final SplittableRandom random;
    private final MessyFormats messy;
    private final ZoneId zone;
    private final LocalDate first;
    private final long days;
    private final String[] channels;
    private final String[] campaigns;
    private int next;

    SpendGenerator(long seed, ZoneId zone, Instant start, long days, String[] channels, String[] campaigns) {
        this.random = new SplittableRandom(seed ^ 0x5E4D_5E4D_5E4DL);
        this.messy = new MessyFormats(random, zone);
        this.zone = zone;
        this.first = LocalDate.ofInstant(start, ZoneOffset.UTC);
        this.days = days;
        this.channels = channels;
        this.campaigns = campaigns;
    }

    /** Writes {@code spend.csv} in {@code dir}; returns its number of rows. */
    long writeTo(Path dir) {
        List<String> all = new ArrayList<>(List.of(channels));
        all.add(SPEND_ONLY_CHANNEL);
        List<String[]> corrections = new ArrayList<>();
        long rows = 0;
        try (CsvRows out = new CsvRows(dir.resolve(FactFile.SPEND.fileName()), FactFile.SPEND.canonicalHeader())) {
            for (String channel : all) {
                double daily = dailyBudget(channel);
                if (daily == 0) {
                    continue;
                }
                List<String> flights = campaignsOf(channel);
                for (long d = 0; d < days; d++) {
                    LocalDate day = first.plusDays(d);
                    if (!spends(channel, day)) {
                        continue;
                    }
                    for (String campaign : flights) {
                        double weekday = day.getDayOfWeek().getValue() >= 6 ? 0.6 : 1.1;
                        long cents = Math.round(daily * weekday * (0.6 + 0.8 * random.nextDouble()) * 100
                                / flights.size());
                        String[] row = {String.format(Locale.ROOT, "SP%07d", next++), channel,
                                campaign == null ? "" : campaign, spentOn(day), amount(cents), currency()};
                        messUp(row);
                        out.write(row);
                        rows++;
                        if (random.nextInt(100) == 0) {
                            corrections.add(correction(row, cents));
                        }
                    }
                }
            }
            for (String[] row : corrections) {
                out.write(row);
            }
        }
        return rows + corrections.size();
    }

    /** Dollars a day, by how such channels are bought. */
    private static double dailyBudget(String channel) {
        return switch (channel) {
            case "google_ads" -> 180;
            case "facebook" -> 140;
            case "bing_ads" -> 60;
            case "yelp" -> 40;
            case "tv" -> 900;
            case "radio" -> 120;
            case "newsletter" -> 15;
            case "direct_mail" -> 1_500;
            case "website" -> 8;
            case SPEND_ONLY_CHANNEL -> 50;
            default -> 0; // referral: earned, not bought
        };
    }

    /** TV runs Monday and Thursday flights, direct mail drops every other Monday, radio on weekdays. */
    private static boolean spends(String channel, LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return switch (channel) {
            case "tv" -> dow == DayOfWeek.MONDAY || dow == DayOfWeek.THURSDAY;
            case "direct_mail" -> dow == DayOfWeek.MONDAY && day.getDayOfYear() / 7 % 2 == 0;
            case "radio" -> dow.getValue() <= 5;
            default -> true;
        };
    }

    /** One to three campaigns, and sometimes spend that names none. */
    private List<String> campaignsOf(String channel) {
        List<String> flights = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String campaign = campaigns[random.nextInt(campaigns.length)];
            if (!flights.contains(campaign)) {
                flights.add(campaign);
            }
        }
        if (random.nextInt(3) == 0) {
            flights.add(null);
        }
        return flights;
    }

    /** A date mostly; sometimes a time on that day (noon in the business zone, in any accepted form). */
    private String spentOn(LocalDate day) {
        return random.nextInt(10) == 0 ? messy.time(day.atTime(12, 0).atZone(zone).toInstant()) : day.toString();
    }

    private String currency() {
        return random.nextInt(20) == 0 ? "usd" : "USD";
    }

    /** About one row in 400 is one to reject: a bad date, another currency, three decimals. */
    private void messUp(String[] row) {
        switch (random.nextInt(1_200)) {
            case 0 -> row[3] = messy.badTime();
            case 1 -> row[5] = "EUR";
            case 2 -> row[4] = row[4] + "5";
            default -> {
            }
        }
    }

    /** A corrected amount under the same id, or a negative amount under a new one. */
    private String[] correction(String[] row, long cents) {
        String[] corrected = row.clone();
        if (random.nextBoolean()) {
            corrected[4] = amount(cents * (80 + random.nextInt(40)) / 100);
        } else {
            corrected[0] = String.format(Locale.ROOT, "SP%07d", next++);
            corrected[4] = amount(-cents / 4);
        }
        return corrected;
    }

    private static String amount(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
