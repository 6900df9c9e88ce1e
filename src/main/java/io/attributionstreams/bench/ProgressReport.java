package io.attributionstreams.bench;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.export.Exporter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * A line every {@code every} while a long phase runs: the facts the app has processed (its committed
 * input offsets), the rate over the last interval, and about how long is left at that rate. A
 * full-size run takes the better part of an hour on a small machine; this says it is moving.
 */
final class ProgressReport implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final Admin admin;
    private final long total;
    private final long every;
    /** What the app does once all input is processed, for the line that says so. */
    private final String settling;
    /** The app's CPU time so far in seconds, for its use over each interval; null when not known. */
    private final DoubleSupplier appCpuSeconds;
    private double lastCpuSeconds;
    private long lastCommitted;
    private long lastNanos = System.nanoTime();
    private final long started = System.nanoTime();
    /** When the committed input first reached the total, in nanoTime; 0 before. */
    private volatile long allInputAt;

    private ProgressReport(Admin admin, long total, Duration every, String settling, DoubleSupplier appCpuSeconds) {
        this.admin = admin;
        this.settling = settling;
        this.appCpuSeconds = appCpuSeconds;
        this.lastCpuSeconds = appCpuSeconds == null ? 0 : appCpuSeconds.getAsDouble();
        this.total = total;
        this.every = every.toMillis();
    }

    /** Starts printing to {@code out} every {@code every}, for the application's consumer group. */
    static ProgressReport start(String bootstrap, String applicationId, long total, Duration every, PrintWriter out) {
        return start(bootstrap, applicationId, total, every, out, "waiting for deferred recomputes and fan-outs to settle");
    }

    /** @param settling what the application still does once all input is processed */
    static ProgressReport start(String bootstrap, String applicationId, long total, Duration every, PrintWriter out,
            String settling) {
        return start(bootstrap, applicationId, total, every, out, settling, null);
    }

    /**
     * @param appCpuSeconds the app's CPU time so far: each line then says how much of a core it used over the
     *     interval (whether a phase waits or works)
     */
    static ProgressReport start(String bootstrap, String applicationId, long total, Duration every, PrintWriter out,
            String settling, DoubleSupplier appCpuSeconds) {
        ProgressReport report = new ProgressReport(Admin.create(KafkaClients.of(bootstrap).admin()), total, every,
                settling, appCpuSeconds);
        // looked at every second, so that the moment all input is processed is known to a second; printed less often
        report.timer.scheduleAtFixedRate(() -> report.look(applicationId, out), 1, 1, TimeUnit.SECONDS);
        return report;
    }

    /**
     * Seconds from {@code since} (a nanoTime) until the app had committed every input fact, or -1 when it
     * has not yet: the input phase, apart from the deferred recomputes and fan-outs that follow it.
     */
    double inputProcessedSeconds(long since) {
        long at = allInputAt;
        return at == 0 ? -1 : (at - since) / 1e9;
    }

    private void look(String applicationId, PrintWriter out) {
        long committed = Exporter.committedInput(admin, applicationId);
        long now = System.nanoTime();
        if (committed >= total && allInputAt == 0) {
            allInputAt = now;
        }
        if ((now - lastNanos) / 1_000_000 >= every) {
            print(committed, now, out);
        }
    }

    private void print(long committed, long now, PrintWriter out) {
        double seconds = (now - lastNanos) / 1e9;
        double rate = (committed - lastCommitted) / seconds;
        String cpu = "";
        if (appCpuSeconds != null) {
            double cpuSeconds = appCpuSeconds.getAsDouble();
            cpu = String.format(Locale.ROOT, "; app CPU %.0f%% of one core",
                    100 * (cpuSeconds - lastCpuSeconds) / seconds);
            lastCpuSeconds = cpuSeconds;
        }
        lastCommitted = committed;
        lastNanos = now;
        long left = Math.max(0, total - committed);
        String eta = left == 0 ? "all input processed; " + settling
                : rate > 0 ? "about " + timeLeft(left / rate) + " left at this rate"
                : "no progress in this interval";
        synchronized (out) {
            out.printf(Locale.ROOT,
                    "   progress after %d s: %,d of %,d facts processed (%.0f%%), lag %,d, %,.0f facts/s; %s%s%n",
                    (now - started) / 1_000_000_000L, committed, total, 100.0 * committed / total, left, rate, eta,
                    cpu);
            out.flush();
        }
    }

    private static String timeLeft(double seconds) {
        return seconds < 120 ? Math.round(seconds) + " s" : Math.round(seconds / 60) + " min";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
