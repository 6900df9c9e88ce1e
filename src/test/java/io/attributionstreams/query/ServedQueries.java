package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.ops.HttpLimits;
import io.attributionstreams.ops.HttpSetup;
import io.attributionstreams.ops.OpsServer;
import io.attributionstreams.ops.ServerTls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The query routes on a real JDK HTTP server at a free port, with the default limits, a fake store holding
 * one customer ({@code CU1}) and a small live feed: what the HTTP-level tests serve. By default plain HTTP,
 * no token, and a {@link FakeForwarding}; given an {@link HttpSetup} and real forwarding, the production
 * {@link HttpForwarding} with the setup's token and TLS.
 */
final class ServedQueries implements AutoCloseable {
    /** The forwarding key every served instance of the tests shares. */
    static final ForwardingSignature SIGNATURE = new ForwardingSignature(
            "a forwarding key for the tests, 32+ bytes".getBytes(StandardCharsets.UTF_8));

    final UpdateFeed feed = new UpdateFeed(10);
    final OpsServer http;
    final QueryRoutes routes;
    final FakeStores stores;
    final FakeForwarding fakeForwarding = new FakeForwarding();
    /** This instance's {@code host:port}. */
    final String self;
    /** {@code http://} or {@code https://} and {@link #self}. */
    final String base;

    ServedQueries() {
        this(HttpSetup.plain(0), false);
    }

    /** @param realForwarding forward with {@link HttpForwarding} (to other served instances) instead of the fake */
    ServedQueries(HttpSetup setup, boolean realForwarding) {
        http = OpsServer.start(setup, HttpLimits.DEFAULT, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> null);
        self = "localhost:" + http.port();
        base = setup.scheme() + "://" + self;
        stores = new FakeStores(self);
        stores.customers.put("CU1", List.of(CustomerAttributionEndpointTest.record("CU1", "FIRST_PAID", "daily_split", 1)));
        Forwarding forwarding = realForwarding ? new HttpForwarding(HttpLimits.DEFAULT.forwardTimeout(), SIGNATURE,
                setup.token(), setup.tls().map(ServerTls::clientContext)) : fakeForwarding;
        routes = QueryRoutes.install(http, self, stores, forwarding, SIGNATURE,
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
