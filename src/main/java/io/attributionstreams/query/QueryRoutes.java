package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.SettingsFingerprint.AnswerSettings;
import io.attributionstreams.ops.HttpLimits;
import io.attributionstreams.ops.OpsServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Which endpoint runs on which threads. Whatever may take long runs on a bounded pool of its own,
 * never on the server's threads that answer the health probes: customer lookups and the totals gathered from
 * every instance ({@code /channels}, {@code /campaigns}, {@code /months}, {@code /paths}: they may wait on another instance)
 * and {@code /updates/recent} (its first read waits for the feed's reader) on the query pool, the lookups
 * with a limit of their own and the gatherings with one they share; the live feeds, each
 * holding a thread while open, on a pool of exactly as many threads as feeds may be open. What
 * answers at once from memory ({@code /settings}, the dashboard's files) stays on the server's threads.
 * Everything but the dashboard's files (which hold no data) is behind the bearer token when one is set,
 * and a request counts as forwarded only when its forwarding header verifies ({@link ForwardingSignature}).
 */
final class QueryRoutes implements AutoCloseable {
    private final HandlerPool queries;
    private final HandlerPool liveFeeds;

    private QueryRoutes(HandlerPool queries, HandlerPool liveFeeds) {
        this.queries = queries;
        this.liveFeeds = liveFeeds;
    }

    static QueryRoutes install(OpsServer http, String self, StoreView stores, Forwarding forwarding,
            ForwardingSignature signature, AnswerSettings answerSettings, UpdateFeed feed) {
        AttributionSettings settings = answerSettings.attribution();
        HttpLimits limits = http.limits();
        HandlerPool queries = new HandlerPool("http-query", limits.queryThreads(), limits.queryQueue());
        // the limit lets exactly this many in, so the queue only holds one while a thread comes back
        HandlerPool liveFeeds = new HandlerPool("http-live-feed", limits.liveFeeds(), limits.liveFeeds());

        MeterRegistry registry = http.registry();
        http.routeForClients(CustomerAttributionEndpoint.PATH, new PooledHandler("customers",
                new HttpEndpoint(CustomerAttributionEndpoint.routing(
                        new CustomerAttributionEndpoint(stores, forwarding, settings),
                        new CustomerIdentifiersEndpoint(stores, forwarding)), self, signature), queries,
                EndpointLimit.forClients(limits.customerQueries(), "customer lookups in progress", signature), self,
                registry));
        // the gatherings share one limit: each may wait on every other instance, and the limits together
        // must leave query threads for the requests those instances forward here (HttpLimits)
        EndpointLimit gatherings = EndpointLimit.forClients(limits.channelQueries(),
                "totals requests (/channels, /campaigns, /months, /paths) in progress", signature);
        for (GatheringEndpoint<?, ?> gathering : List.of(new ChannelsEndpoint(stores, forwarding, settings),
                new CampaignsEndpoint(stores, forwarding, settings), new MonthsEndpoint(stores, forwarding, settings),
                new PathsEndpoint(stores, forwarding, settings))) {
            // tagged "channels", "campaigns", "months", "paths" in the refusals counter
            http.routeForClients(gathering.path(), new PooledHandler(gathering.path().substring(1),
                    new HttpEndpoint(gathering, self, signature), queries, gatherings, self, registry));
        }
        http.routeForClients(RecentUpdatesEndpoint.PATH, new PooledHandler("updates_recent",
                new HttpEndpoint(new RecentUpdatesEndpoint(feed, feed.capacity()), self, signature), queries,
                EndpointLimit.NONE, self, registry));
        http.routeForClients(UpdatesStream.PATH, new PooledHandler("live_feed",
                new UpdatesStream(feed, self, limits.liveFeedLifetime()), liveFeeds,
                EndpointLimit.forAll(limits.liveFeeds(), "open live feeds"), self, registry));
        http.routeForClients(SettingsEndpoint.PATH,
                new HttpEndpoint(new SettingsEndpoint(self, answerSettings), self, signature));
        http.route("/", DashboardFiles.load()); // public: the page asks for the token itself
        return new QueryRoutes(queries, liveFeeds);
    }

    /** Queries waiting for a query thread. */
    int queriesWaiting() {
        return queries.queued();
    }

    @Override
    public void close() {
        queries.close();
        liveFeeds.close();
    }
}
