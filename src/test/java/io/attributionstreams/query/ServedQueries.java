package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.ops.HttpLimits;
import io.attributionstreams.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The query routes on a real JDK HTTP server at a free port, with the default limits, a fake store holding
 * one customer ({@code CU1}) and a small live feed: what the HTTP-level tests serve.
 */
final class ServedQueries implements AutoCloseable {
    final UpdateFeed feed = new UpdateFeed(10);
    final OpsServer http;
    final QueryRoutes routes;
    /** This instance's {@code host:port}. */
    final String self;
    /** {@code http://} and {@link #self}. */
    final String base;

    ServedQueries() {
        http = OpsServer.start(0, HttpLimits.DEFAULT, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> null);
        self = "localhost:" + http.port();
        base = "http://" + self;
        FakeStores stores = new FakeStores(self);
        stores.customers.put("CU1", List.of(CustomerAttributionEndpointTest.record("CU1", "FIRST_PAID", "daily_split", 1)));
        routes = QueryRoutes.install(http, self, stores, new FakeForwarding(),
                new io.attributionstreams.attribution.SettingsFingerprint.AnswerSettings(AttributionSettings.defaults(), 0, ""),
                feed);
    }

    @Override
    public void close() {
        feed.close();
        http.close();
        routes.close();
    }
}
