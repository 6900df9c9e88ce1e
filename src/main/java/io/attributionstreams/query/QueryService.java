package io.attributionstreams.query;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.ops.OpsServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The interactive queries and the dashboard, on the HTTP port of the operations endpoints:
 * {@code /customers/{id}/attribution}, {@code /channels}, {@code /settings}, {@code /updates/recent},
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

    /** @param config the configuration Kafka Streams runs with, {@code application.server} included */
    public static QueryService start(OpsServer http, KafkaStreams streams, AppConfig config) {
        String self = config.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        AttributionSettings settings = config.attributionSettings();
        StoreView stores = new KafkaStoreView(streams, self, config.get(StreamsConfig.APPLICATION_ID_CONFIG),
                new CustomerAttributor(settings));
        Forwarding forwarding = new HttpForwarding(http.limits().forwardTimeout());
        UpdateFeed feed = new UpdateFeed(FEED_CAPACITY);
        QueryRoutes routes = QueryRoutes.install(http, self, stores, forwarding, settings, feed);
        return new QueryService(feed, UpdateFeedReader.start(config, feed, UpdatesStream.BACKLOG), routes);
    }

    /**
     * This instance's {@code application.server}: as configured (a Kubernetes pod's stable DNS name),
     * otherwise {@code attribution.http.advertised-host} (default: this machine's host name) and the
     * port the HTTP server listens on, which is only known once it has started when the port is 0.
     */
    public static String applicationServer(AppConfig config, int httpPort) {
        if (config.has(StreamsConfig.APPLICATION_SERVER_CONFIG)) {
            return config.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        }
        String host = config.has(AppConfig.HTTP_ADVERTISED_HOST) ? config.get(AppConfig.HTTP_ADVERTISED_HOST)
                : localHostName();
        return host + ':' + httpPort;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        feed.close(); // ends the open live feeds, so that their threads stop
        reader.close();
        routes.close();
    }
}
