package io.attributionstreams.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.conversion.ConversionType;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonthKeyTest {

    /**
     * The rows of one channel in every month of two years land in as many buckets of a small hash map: with
     * {@link YearMonth#hashCode} (the month in bits 27 to 30) they had all landed in one.
     */
    @Test
    void monthsOfOneChannelSpreadOverASmallHashTable() {
        Set<Integer> buckets = new HashSet<>();
        for (int year = 2024; year <= 2025; year++) {
            for (int month = 1; month <= 12; month++) {
                buckets.add(bucket(new MonthKey(ConversionType.FIRST_PAID, "daily_split", YearMonth.of(year, month),
                        "google_ads"), 256));
            }
        }
        assertThat(buckets).hasSize(24);
    }

    @Test
    void equalKeysHaveEqualHashes() {
        MonthKey key = new MonthKey(ConversionType.FIRST_CONTACT, "linear", YearMonth.of(2025, 3), "tv");
        MonthKey same = new MonthKey(ConversionType.FIRST_CONTACT, new String("linear"), YearMonth.parse("2025-03"),
                new String("tv"));
        assertThat(same).isEqualTo(key);
        assertThat(same.hashCode()).isEqualTo(key.hashCode());
        assertThat(MonthKey.hash(YearMonth.of(2025, 3))).isNotEqualTo(MonthKey.hash(YearMonth.of(2025, 4)));
        assertThat(MonthKey.hash(null)).isZero();
    }

    /** The bucket {@link java.util.HashMap} puts a key in, in a table of {@code buckets} (a power of two). */
    private static int bucket(Object key, int buckets) {
        int hash = key.hashCode();
        return (hash ^ (hash >>> 16)) & (buckets - 1);
    }
}
