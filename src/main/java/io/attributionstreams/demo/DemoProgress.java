package io.attributionstreams.demo;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the demo has done so far, from three threads: the replay counts facts sent, the output watcher
 * counts updates, answers and dead letters, and the status ticker reads them all.
 */
public final class DemoProgress {
    /** Where the demo is. */
    public enum Phase {
        REPLAYING, CATCHING_UP, DONE
    }

    private final long totalFacts;
    private final int rate;
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<String, Long> deadLettersByKind = new TreeMap<>();
    private volatile Phase phase = Phase.REPLAYING;
    private volatile long replayStartedNanos = System.nanoTime();
    private volatile long replayEndedNanos;

    public DemoProgress(long totalFacts, int rate) {
        this.totalFacts = totalFacts;
        this.rate = rate;
    }

    public AtomicLong replayed() {
        return replayed;
    }

    public void replayStarted() {
        replayStartedNanos = System.nanoTime();
    }

    public void replayEnded() {
        replayEndedNanos = System.nanoTime();
        phase = Phase.CATCHING_UP;
    }

    public void done() {
        phase = Phase.DONE;
    }

    public void update(boolean answerAdded, boolean answerRemoved) {
        updates.incrementAndGet();
        if (answerAdded) {
            answers.incrementAndGet();
        } else if (answerRemoved) {
            answers.decrementAndGet();
        }
    }

    public void deadLetter(String kind) {
        deadLetters.incrementAndGet();
        synchronized (deadLettersByKind) {
            deadLettersByKind.merge(kind, 1L, Long::sum);
        }
    }

    public long totalFacts() {
        return totalFacts;
    }

    public long updates() {
        return updates.get();
    }

    public long answers() {
        return answers.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /** Dead letters by kind of reason, most frequent first: {@code 97 no usable identifier, 3 unknown type}. */
    public String deadLettersByKind() {
        synchronized (deadLettersByKind) {
            return deadLettersByKind.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                    .reduce((a, b) -> a + ", " + b).orElse("none");
        }
    }

    /** Facts per second sent so far (over the whole replay once it ended). */
    public double factsPerSecond() {
        long end = replayEndedNanos != 0 ? replayEndedNanos : System.nanoTime();
        double seconds = (end - replayStartedNanos) / 1e9;
        return seconds <= 0 ? 0 : replayed.get() / seconds;
    }

    /**
     * One line: {@code replaying 1,234 of 3,612 facts (34%) | 2,051 updates | 812 answers | 41 dead letters |
     * 200 facts/s | 12 s left}.
     */
    public String statusLine() {
        long sent = replayed.get();
        String head = switch (phase) {
            case REPLAYING -> String.format(Locale.ROOT, "replaying %,d of %,d facts (%d%%)", sent, totalFacts,
                    totalFacts == 0 ? 100 : sent * 100 / totalFacts);
            case CATCHING_UP -> String.format(Locale.ROOT, "replayed %,d of %,d facts; the app is catching up (%.0f s)",
                    sent, totalFacts, (System.nanoTime() - replayEndedNanos) / 1e9);
            case DONE -> String.format(Locale.ROOT, "replayed %,d of %,d facts; done", sent, totalFacts);
        };
        String left = switch (phase) {
            case REPLAYING -> String.format(Locale.ROOT, " | %s left", seconds((totalFacts - sent) / (double) rate));
            case CATCHING_UP, DONE -> "";
        };
        return String.format(Locale.ROOT, "%s | %,d updates | %,d current answers | %,d dead letters | %,.0f facts/s%s",
                head, updates.get(), answers.get(), deadLetters.get(), factsPerSecond(), left);
    }

    private static String seconds(double s) {
        long whole = (long) Math.ceil(Math.max(0, s));
        return whole < 60 ? whole + " s" : String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
}
