package io.attributionstreams.ops;

import java.time.Duration;

/**
 * How much the HTTP port takes on at once, so that a burst of slow queries costs some queries a 503
 * and never the health probes their answer (a liveness probe that times out gets a healthy pod
 * restarted).
 *
 * @param serverThreads the server's own threads: they read each request, answer the cheap endpoints
 *     (health, metrics, settings, the dashboard's files) and hand every other one on without waiting
 * @param queryThreads threads answering queries ({@code /customers}, {@code /channels}, {@code /campaigns},
 *     {@code /months}, {@code /updates/recent})
 * @param queryQueue queries waiting for one of those threads; past it, 503
 * @param customerQueries customer lookups from clients in progress (queued or running) at once; past it, 503
 * @param channelQueries gatherings of totals from every instance ({@code /channels}, {@code /campaigns} and
 *     {@code /months} together) from clients in progress at once; past it, 503
 * @param liveFeeds open live feeds ({@code /updates/stream}), each holding a thread of its own; past it, 503
 * @param requestTimeout the longest a client may take to send a request: line, headers and body (whole seconds)
 * @param responseTimeout the longest a response may take, from the request's headers to its last byte
 *     (whole seconds): it frees a thread stuck writing to a client that stopped reading. A live feed
 *     ends itself {@link #LIVE_FEED_MARGIN} before it, and the browser reconnects.
 * @param idleTimeout how long a kept-alive connection may stay idle (whole seconds)
 * @param forwardTimeout the longest a query waits for the instance it forwarded to
 */
public record HttpLimits(int serverThreads, int queryThreads, int queryQueue, int customerQueries, int channelQueries,
        int liveFeeds, Duration requestTimeout, Duration responseTimeout, Duration idleTimeout,
        Duration forwardTimeout) {
    /** How long before the response timeout a live feed ends itself, so that it ends cleanly. */
    public static final Duration LIVE_FEED_MARGIN = Duration.ofSeconds(5);
    // after the margin: the constructor reads it
    public static final HttpLimits DEFAULT = new HttpLimits(4, 8, 32, 4, 2, 6, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(5));

    public HttpLimits {
        positive("server threads", serverThreads);
        positive("query threads", queryThreads);
        positive("query queue", queryQueue);
        positive("concurrent customer queries", customerQueries);
        positive("concurrent channel queries", channelQueries);
        positive("live feeds", liveFeeds);
        // A client's customer lookup or gathering of totals may wait on another instance, whose forwarded requests
        // need a thread here in turn: if the two limits could take every query thread, two instances
        // forwarding to each other would each wait for the other until the forward timeout.
        if (customerQueries + channelQueries >= queryThreads) {
            throw new IllegalArgumentException("the concurrent customer and channel queries (" + customerQueries
                    + " + " + channelQueries + ") must be fewer than the query threads (" + queryThreads
                    + "), so that requests forwarded by other instances always find a thread");
        }
        wholeSeconds("request timeout", requestTimeout, Duration.ofSeconds(1));
        wholeSeconds("response timeout", responseTimeout, LIVE_FEED_MARGIN.multipliedBy(2));
        wholeSeconds("idle timeout", idleTimeout, Duration.ofSeconds(1));
        if (forwardTimeout.isNegative() || forwardTimeout.isZero()) {
            throw new IllegalArgumentException("the forward timeout must be positive: " + forwardTimeout);
        }
    }

    /** How long a live feed stays open before it ends itself: the browser then reconnects where it was. */
    public Duration liveFeedLifetime() {
        return responseTimeout.minus(LIVE_FEED_MARGIN);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("the " + what + " must be 1 or more: " + value);
        }
    }

    /** The JDK's server counts these in whole seconds. */
    private static void wholeSeconds(String what, Duration value, Duration least) {
        if (value.compareTo(least) < 0 || value.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the " + what + " must be whole seconds, at least " + least + ": "
                    + value);
        }
    }
}
