package io.attributionstreams.ingest;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.ops.OpsServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The webhook ingest on the app's HTTP server: its producer, its threads and its route. */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private final FactWriter writer;
    private final IngestEndpoint endpoint;

    private IngestService(FactWriter writer, IngestEndpoint endpoint) {
        this.writer = writer;
        this.endpoint = endpoint;
    }

    /** Serves {@code /ingest/<source>} for the configured sources; null when none is configured. */
    public static IngestService start(OpsServer http, KafkaClients clients, IngestSettings settings,
            MeterRegistry registry) {
        if (!settings.enabled()) {
            return null;
        }
        FactWriter writer = new FactWriter(clients, settings.timeout());
        IngestEndpoint endpoint = new IngestEndpoint(settings, writer, registry, Clock.systemUTC());
        http.routeWithBody(IngestEndpoint.PATH, endpoint, settings.maxBytes());
        LOG.info("webhook ingest on {}<source> for {}", IngestEndpoint.PATH, settings.sources().keySet());
        return new IngestService(writer, endpoint);
    }

    @Override
    public void close() {
        endpoint.close();
        writer.close();
    }
}
