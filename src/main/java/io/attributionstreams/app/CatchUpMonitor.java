package io.attributionstreams.app;

import io.attributionstreams.topology.Names;

import io.attributionstreams.topology.Backlog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link Backlog}: catching up while the records its stream threads have still to
 * read (input and repartition topics, summed over partitions, from their consumers' {@code records-lag}
 * metrics) reach a threshold, and again caught up once they have stayed at half of it or under for five
 * seconds, so that a lag hovering around the threshold, or dipping as the consumers start, does not flip
 * it; or once nothing at all has been behind for a second.
 */
public final class CatchUpMonitor implements Backlog, AutoCloseable {
    /** Gauge: 1 while catching up. */
    public static final String CATCHING_UP_METRIC = "attribution.catching.up";
    /** Gauge: records the stream threads have still to read, at the last check. */
    public static final String RECORDS_BEHIND_METRIC = "attribution.records.behind";
    private static final Logger LOG = LoggerFactory.getLogger(CatchUpMonitor.class);
    private static final long CHECK_EVERY_MS = 500;
    /**
     * Checks in a row under half the threshold before the application counts as caught up: at the start of a
     * back-log the summed lag dips while the consumers have not fetched every partition yet (measured: 17,871,
     * then 4,340, then 21,360 records behind, a second apart), and each dip released customers that changed
     * again at once.
     */
    static final int CHECKS_TO_CATCH_UP = 10;
    /**
     * Checks in a row with nothing at all behind that end the catch-up sooner: the dips above never reach zero
     * (a consumer that has fetched a partition keeps its lag), and every second waited at the end of a back-log is
     * a second no waiting customer is recomputed (measured: 4 to 5 s of an idle app in each run of {@code bench
     * stream}).
     */
    static final int CHECKS_AT_ZERO_TO_CATCH_UP = 2;
    /**
     * Checks between two lookups of the lag metrics in all of the application's metrics. Why: collecting every
     * client's metrics (about 15,000) into one map and filtering it took 5% of the app's samples in a flight
     * recording of {@code bench stream}, at two checks a second; the metrics found are live and read at each
     * check. A partition assigned since the last lookup counts from the next one, at most this many checks later.
     */
    static final int CHECKS_PER_LOOKUP = 10;

    private final long threshold;
    private final ScheduledExecutorService checks;
    private volatile boolean catchingUp;
    private volatile long lag;
    /** Touched by the one checking thread (and by tests) only. */
    private int checksUnderHalf;
    private int checksAtZero;
    private List<Metric> lagMetrics = List.of();
    private int checksSinceLookup;

    /** @param threshold records behind from which the application counts as catching up; 0 never does */
    CatchUpMonitor(long threshold) {
        this.threshold = threshold;
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "catch-up-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts checking the lag of this application's stream threads. */
    void watch(KafkaStreams streams) {
        if (threshold > 0) {
            checks.scheduleWithFixedDelay(() -> update(lag(streams::metrics)), CHECK_EVERY_MS, CHECK_EVERY_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    void update(long recordsBehind) {
        lag = recordsBehind;
        checksAtZero = recordsBehind == 0 ? checksAtZero + 1 : 0;
        if (recordsBehind >= threshold) {
            checksUnderHalf = 0;
            if (!catchingUp) {
                catchingUp = true;
                LOG.info("catching up: {} records behind; changed customers wait and are recomputed once caught up",
                        recordsBehind);
            }
        } else if (recordsBehind <= threshold / 2 && catchingUp
                && (++checksUnderHalf >= CHECKS_TO_CATCH_UP || checksAtZero >= CHECKS_AT_ZERO_TO_CATCH_UP)) {
            catchingUp = false;
            LOG.info("caught up: {} records behind; recomputing the customers that waited", recordsBehind);
        }
    }

    @Override
    public boolean catchingUp() {
        return catchingUp;
    }

    /** Records behind at the last check. */
    long lag() {
        return lag;
    }

    /**
     * The repartitions after the attribute step: the totals' deltas. Recomputing the customers that waited fills
     * them, and waiting does not make them shorter, so counting them made the drain of a back-log push the lag
     * back over the threshold and the customers wait again, over and over.
     */
    private static final List<String> AFTER_ATTRIBUTE = List.of(Names.BY_CHANNEL, Names.SPEND_BY_CHANNEL,
            Names.BY_CONVERSION_TYPE, Names.SPEND_BY_CONVERSION_TYPE).stream()
            .map(name -> "-" + name + "-repartition").toList();

    /**
     * The lag at this check: the summed per-partition {@code records-lag} of the stream threads' main consumers
     * (client ids ending in {@code -consumer}; not the restore consumers, whose lag is restoration, not processing),
     * on the topics before the attribute step: the work that waiting customers skip. The lag metrics are looked up
     * in {@code metrics} every {@link #CHECKS_PER_LOOKUP} checks, and while none is found (the consumers have
     * fetched nothing yet); they are read at every check.
     */
    long lag(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        if (lagMetrics.isEmpty() || ++checksSinceLookup >= CHECKS_PER_LOOKUP) {
            lagMetrics = lagMetrics(metrics.get());
            checksSinceLookup = 0;
        }
        return sum(lagMetrics);
    }

    private static List<Metric> lagMetrics(Map<MetricName, ? extends Metric> metrics) {
        List<Metric> found = new ArrayList<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && name.tags().containsKey("partition") && client.endsWith("-consumer")
                    && !client.endsWith("-restore-consumer")
                    && AFTER_ATTRIBUTE.stream().noneMatch(name.tags().getOrDefault("topic", "")::endsWith)) {
                found.add(entry.getValue());
            }
        }
        return found;
    }

    private static long sum(List<Metric> lagMetrics) {
        long total = 0;
        for (Metric metric : lagMetrics) {
            if (metric.metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                total += Math.max(0, value.longValue());
            }
        }
        return total;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
