package io.attributionstreams.query;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.SettingsFingerprint.AnswerSettings;
import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.ops.OpsServer;
import io.attributionstreams.ops.ServerTls;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The interactive queries and the dashboard, on the HTTP port of the operations endpoints:
 * {@code /customers/{id}/attribution}, {@code /channels}, {@code /campaigns}, {@code /months}, {@code /settings},
 * {@code /updates/recent},
 * {@code /updates/stream} and the dashboard at {@code /}. Owns the live feed and its reader.
 */
public final class QueryService implements AutoCloseable {
    /** Requests answered 503 at once because the instance was at one of its HTTP limits, by endpoint and reason. */
    public static final String REFUSED_METRIC = "attribution.http.refused";
    /** Updates kept for the live feed. */
    static final int FEED_CAPACITY = 500;

    private final UpdateFeed feed;
    private final UpdateFeedReader reader;
    private final QueryRoutes routes;

    private QueryService(UpdateFeed feed, UpdateFeedReader reader, QueryRoutes routes) {
        this.feed = feed;
        this.reader = reader;
        this.routes = routes;
    }

    /**
     * @param self this instance's {@code application.server}, where the others forward to
     * @param answerSettings the settings the topology computes with (attribution settings, guardrails)
     * @param clients how the live feed's consumer reaches the cluster (security included)
     * @param forwardingKey the key every instance signs its forwarded requests with, and no client knows
     */
    public static QueryService start(OpsServer http, KafkaStreams streams, String self, String applicationId,
            AnswerSettings answerSettings, KafkaClients clients, byte[] forwardingKey) {
        AttributionSettings settings = answerSettings.attribution();
        StoreView stores = new KafkaStoreView(streams, self, applicationId, new CustomerAttributor(settings),
                answerSettings.fingerprint());
        ForwardingSignature signature = new ForwardingSignature(forwardingKey);
        Forwarding forwarding = new HttpForwarding(http.limits().forwardTimeout(), signature, http.setup().token(),
                http.setup().tls().map(ServerTls::clientContext));
        UpdateFeed feed = new UpdateFeed(FEED_CAPACITY);
        QueryRoutes routes = QueryRoutes.install(http, self, stores, forwarding, signature, answerSettings, feed);
        return new QueryService(feed, UpdateFeedReader.start(clients, applicationId, feed, UpdatesStream.BACKLOG), routes);
    }

    @Override
    public void close() {
        feed.close(); // ends the open live feeds, so that their threads stop
        reader.close();
        routes.close();
    }
}
