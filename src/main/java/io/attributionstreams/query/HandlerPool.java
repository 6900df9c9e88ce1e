package io.attributionstreams.query;

import io.attributionstreams.ops.NamedThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Threads of their own for handlers that may take long, with a bounded queue: when every thread is
 * busy and the queue is full, a request is refused at once instead of waiting behind the others
 * (an unbounded queue only turns a burst into timeouts, for every request after it).
 */
final class HandlerPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    HandlerPool(String name, int threads, int queue) {
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), new NamedThreads(name), new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code task} on one of the threads, now or once one is free; false when the queue is full. */
    boolean tryRun(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Tasks waiting for a thread. */
    int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
