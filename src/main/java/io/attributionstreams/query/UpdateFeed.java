package io.attributionstreams.query;

import io.attributionstreams.contract.AttributionUpdate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest attribution updates, in a ring of fixed size: what the dashboard's live feed shows.
 * Filled by {@link UpdateFeedReader}; read by the server-sent events stream, which waits here for
 * the next entry.
 */
public final class UpdateFeed {
    private final int capacity;
    private final ArrayDeque<FeedEntry> entries;
    private long lastSeq;
    private boolean closed;
    private Runnable onFirstRead = () -> { };
    private boolean read;

    public UpdateFeed(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Runs {@code start} once, at the first read, outside the feed's lock: the reader of the output
     * topic starts consuming only once someone looks (an instance nobody watches spends nothing on it).
     */
    public synchronized void onFirstRead(Runnable start) {
        this.onFirstRead = start;
    }

    private void demand() {
        Runnable start;
        synchronized (this) {
            if (read) {
                return;
            }
            read = true;
            start = onFirstRead;
        }
        start.run();
    }

    public synchronized void add(String key, AttributionUpdate update, String at) {
        entries.addLast(FeedEntry.of(++lastSeq, at, key, update));
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
        notifyAll();
    }

    /** The newest {@code n} entries, oldest first. */
    public List<FeedEntry> latest(int n) {
        demand();
        synchronized (this) {
            List<FeedEntry> all = new ArrayList<>(entries);
            return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
        }
    }

    /**
     * The entries after {@code seq} (those still in the ring), waiting up to {@code waitMillis} for
     * one to arrive; empty after the wait or when the feed is closed.
     */
    public List<FeedEntry> after(long seq, long waitMillis) throws InterruptedException {
        demand();
        synchronized (this) {
            long deadline = System.currentTimeMillis() + waitMillis;
            while (lastSeq <= seq && !closed) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            return entries.stream().filter(e -> e.seq() > seq).toList();
        }
    }

    public long lastSeq() {
        demand();
        synchronized (this) {
            return lastSeq;
        }
    }

    public synchronized boolean closed() {
        return closed;
    }

    /** Ends every open stream. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
