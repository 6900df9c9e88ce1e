package io.attributionstreams.ops;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/** The Prometheus registry of a running app: the engine's own meters, Kafka Streams' and the JVM's. */
public final class Meters {
    /**
     * How often the Kafka binder looks for metrics Kafka created since: per-task metrics and the
     * per-partition consumer lag appear only once tasks are assigned and fetching. One Prometheus
     * scrape interval, rather than the binder's default minute, so a dashboard sees them promptly.
     */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(15);

    private Meters() {
    }

    /** A Prometheus registry that also receives what is registered on Micrometer's global registry. */
    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics.addRegistry(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * Kafka Streams' own metrics (threads, tasks, stores, clients, consumer lag) through Micrometer's
     * binder, and the entries of each state store ({@link StoreSizes}).
     */
    public static KafkaStreamsMetrics bind(KafkaStreams streams, Topology topology, PrometheusMeterRegistry registry) {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.empty(), refresher, KAFKA_METRICS_REFRESH) {
            @Override
            public void close() {
                super.close();
                refresher.shutdownNow(); // the binder leaves a scheduler it was given running
            }
        };
        metrics.bindTo(registry);
        StoreSizes.bind(streams, topology, registry);
        return metrics;
    }
}
