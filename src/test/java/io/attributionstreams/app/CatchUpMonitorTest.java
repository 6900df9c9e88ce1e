package io.attributionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class CatchUpMonitorTest {

    /** Only the stream threads' main consumers count, per partition; restore consumers and NaN do not. */
    @Test
    void lagSumsTheMainConsumersPartitions() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "records-lag", "app-StreamThread-1-consumer", "interactions", "0", 7_000);
        put(metrics, "records-lag", "app-StreamThread-2-consumer", "by-customer", "3", 4_000);
        put(metrics, "records-lag", "app-StreamThread-1-restore-consumer", "changelog", "0", 900_000);
        put(metrics, "records-lag", "app-StreamThread-2-consumer", "payments", "1", Double.NaN);
        put(metrics, "records-lag-max", "app-StreamThread-1-consumer", null, null, 50_000);
        assertThat(lagOf(metrics)).isEqualTo(11_000);
    }

    /**
     * The totals' repartitions come after the attribute step: recomputing the waiting customers fills them, so
     * their lag must not send the application back into catching up.
     */
    @Test
    void lagLeavesOutTheRepartitionsAfterTheAttributeStep() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "records-lag", "app-StreamThread-1-consumer", "app-by-customer-repartition", "0", 3_000);
        put(metrics, "records-lag", "app-StreamThread-1-consumer", "app-by-channel-repartition", "0", 50_000);
        put(metrics, "records-lag", "app-StreamThread-2-consumer", "app-spend-by-channel-repartition", "1", 500);
        put(metrics, "records-lag", "app-StreamThread-2-consumer", "app-by-conversion-type-repartition", "2", 700);
        put(metrics, "records-lag", "app-StreamThread-2-consumer", "app-spend-by-conversion-type-repartition", "2", 90);
        put(metrics, "records-lag", "app-StreamThread-2-consumer", "spend", "2", 40);
        assertThat(lagOf(metrics)).isEqualTo(3_040);
    }

    /**
     * The application's metrics are searched again only every {@link CatchUpMonitor#CHECKS_PER_LOOKUP} checks (and
     * at every check while no lag metric is found yet); the metrics found are read at every check, so their value
     * is always the current one, and a partition that appears counts from the next search.
     */
    @Test
    void lagMetricsAreLookedUpEveryFewChecksAndReadAtEach() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        int[] lookups = {0};
        java.util.function.Supplier<Map<MetricName, ? extends Metric>> all = () -> {
            lookups[0]++;
            return Map.copyOf(metrics);
        };
        try (CatchUpMonitor monitor = new CatchUpMonitor(10_000)) {
            assertThat(monitor.lag(all)).isZero();
            assertThat(monitor.lag(all)).isZero();
            assertThat(lookups[0]).as("nothing found yet: searched at each check").isEqualTo(2);

            double[] interactions = {7_000};
            put(metrics, "records-lag", "app-StreamThread-1-consumer", "interactions", "0", () -> interactions[0]);
            assertThat(monitor.lag(all)).isEqualTo(7_000);
            assertThat(lookups[0]).isEqualTo(3);
            put(metrics, "records-lag", "app-StreamThread-2-consumer", "payments", "1", () -> 500);
            interactions[0] = 6_000;
            for (int check = 1; check < CatchUpMonitor.CHECKS_PER_LOOKUP; check++) {
                assertThat(monitor.lag(all)).as("check " + check).isEqualTo(6_000);
            }
            assertThat(lookups[0]).as("no search between").isEqualTo(3);
            interactions[0] = 2_000;
            assertThat(monitor.lag(all)).as("searched again: the new partition counts").isEqualTo(2_500);
            assertThat(lookups[0]).isEqualTo(4);
        }
    }

    /** Catching up from the threshold on, and caught up again only after ten checks in a row under half of it. */
    @Test
    void catchingUpHasHysteresis() {
        try (CatchUpMonitor monitor = new CatchUpMonitor(10_000)) {
            monitor.update(9_999);
            assertThat(monitor.catchingUp()).isFalse();
            monitor.update(10_000);
            assertThat(monitor.catchingUp()).isTrue();
            monitor.update(6_000);
            assertThat(monitor.catchingUp()).isTrue();
            for (int check = 1; check < CatchUpMonitor.CHECKS_TO_CATCH_UP; check++) {
                monitor.update(4_999);
                assertThat(monitor.catchingUp()).as("check " + check).isTrue();
            }
            monitor.update(10_001); // a dip and back: the count starts again
            for (int check = 1; check < CatchUpMonitor.CHECKS_TO_CATCH_UP; check++) {
                monitor.update(100);
            }
            assertThat(monitor.catchingUp()).isTrue();
            monitor.update(4_999);
            assertThat(monitor.catchingUp()).isFalse();
            assertThat(monitor.lag()).isEqualTo(4_999);
        }
    }

    /**
     * Nothing behind at two checks in a row ends a catch-up at once, where a small lag takes ten; one check at
     * nothing between others does not.
     */
    @Test
    void nothingBehindTwiceInARowEndsTheCatchUpSooner() {
        try (CatchUpMonitor monitor = new CatchUpMonitor(10_000)) {
            monitor.update(50_000);
            monitor.update(0);
            monitor.update(7);
            monitor.update(0);
            assertThat(monitor.catchingUp()).as("zero, then not, then zero").isTrue();
            monitor.update(0);
            assertThat(monitor.catchingUp()).isFalse();

            monitor.update(10_000);
            assertThat(monitor.catchingUp()).isTrue();
            monitor.update(0);
            assertThat(monitor.catchingUp()).as("once").isTrue();
            monitor.update(0);
            assertThat(monitor.catchingUp()).isFalse();
        }
    }

    /** A threshold of one record: caught up again at none behind, not never. */
    @Test
    void theSmallestThresholdStillCatchesUp() {
        try (CatchUpMonitor monitor = new CatchUpMonitor(1)) {
            monitor.update(1);
            assertThat(monitor.catchingUp()).isTrue();
            for (int check = 0; check < CatchUpMonitor.CHECKS_TO_CATCH_UP; check++) {
                monitor.update(0);
            }
            assertThat(monitor.catchingUp()).isFalse();
        }
    }

    @Test
    void theLagIsConfigurableAndABadValueIsOneClearError() {
        assertThat(AppConfig.load(null, Map.of(), Map.of()).catchUpLag()).isEqualTo(AppConfig.DEFAULT_CATCH_UP_LAG);
        assertThat(AppConfig.load(null, Map.of("ATTRIBUTION_CATCH_UP_LAG", "0"), Map.of()).catchUpLag()).isZero();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> AppConfig.load(null, Map.of(), Map.of(AppConfig.CATCH_UP_LAG, "lots")).catchUpLag())
                .withMessage("attribution.catch-up.lag must be a whole number of records, got 'lots'");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> AppConfig.load(null, Map.of(), Map.of(AppConfig.CATCH_UP_LAG, "-1")).catchUpLag())
                .withMessage("attribution.catch-up.lag must be 0 (never) or more, got -1");
    }

    /** A new monitor's first check of {@code metrics}. */
    private static long lagOf(Map<MetricName, Metric> metrics) {
        try (CatchUpMonitor monitor = new CatchUpMonitor(10_000)) {
            return monitor.lag(() -> metrics);
        }
    }

    private static void put(Map<MetricName, Metric> metrics, String name, String client, String topic,
            String partition, double value) {
        put(metrics, name, client, topic, partition, () -> value);
    }

    private static void put(Map<MetricName, Metric> metrics, String name, String client, String topic,
            String partition, java.util.function.DoubleSupplier value) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("client-id", client);
        if (topic != null) {
            tags.put("topic", topic);
            tags.put("partition", partition);
        }
        MetricName metricName = new MetricName(name, "consumer-fetch-manager-metrics", "", tags);
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value.getAsDouble();
            }
        });
    }
}
