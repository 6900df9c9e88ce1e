package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.RunningEngine;
import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.batch.Formats;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Topics;
import io.attributionstreams.topology.outputs.AttributionUpdate;
import io.attributionstreams.topology.outputs.UpdateKey;
import io.attributionstreams.topology.outputs.ChannelTotalRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole engine on one machine. Starts an embedded broker and the app, generates
 * a sample data set, replays it at a visible rate while printing one line per attribution update,
 * then prints the channel table and keeps serving until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded Kafka broker and the app, replay a generated data set at a visible rate, "
                + "print a live feed of updates and a channel table, and keep running until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "300", description = "Customers to generate (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--interactions", defaultValue = "3000",
            description = "Interactions to generate (default: ${DEFAULT-VALUE}).")
    int interactions;

    @Option(names = "--rate", defaultValue = "200", description = "Facts replayed per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--http-port", defaultValue = "" + AppConfig.DEFAULT_HTTP_PORT,
            description = "Port of the dashboard, /metrics and /health (default: ${DEFAULT-VALUE}; 0 for any free "
                    + "port).")
    int httpPort;

    @Option(names = "--kafka-port", defaultValue = "0",
            description = "Port of the embedded broker (default: any free port).")
    int kafkaPort;

    @Option(names = "--exit-when-done", description = "Exit 0 after the channel table, for scripts.")
    boolean exitWhenDone;

    @Option(names = "--quiet-feed", description = "Print progress instead of one line per update.")
    boolean quietFeed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("attribution-demo");
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put(StreamsConfig.APPLICATION_ID_CONFIG, "attribution-demo");
        cli.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("state").toString());
        cli.put(AppConfig.HTTP_PORT, Integer.toString(httpPort));
        cli.put(AppConfig.EMBEDDED_PORT, Integer.toString(kafkaPort));
        cli.put(AppConfig.EMBEDDED_DIR, work.resolve("kafka").toString());
        out.println("demo: starting an embedded Kafka broker (KRaft) and the attribution app ...");
        out.flush();
        try (RunningEngine engine = RunningEngine.start(null, Map.of(), cli)) {
            String bootstrap = engine.bootstrapServers();
            out.printf("demo: broker %s; dashboard on http://localhost:%d/ (metrics on /metrics, health on "
                    + "/health/ready)%n", bootstrap, engine.httpPort());
            Path data = work.resolve("data");
            Files.createDirectories(data);
            DataGenerator.Written written = new DataGenerator(
                    new GeneratorSpec(customers, interactions, seed, 0.05, ZoneOffset.UTC)).writeTo(data);
            out.printf("demo: generated %,d facts in %s; replaying at %,d facts/s%n", written.total(), data, rate);
            out.println("demo: live feed (customer, conversion, model, top channel, version):");
            out.flush();

            AtomicBoolean feeding = new AtomicBoolean(true);
            AtomicLong updates = new AtomicLong();
            CountDownLatch firstUpdate = new CountDownLatch(1);
            Thread feed = new Thread(() -> feed(bootstrap, out, feeding, updates, firstUpdate, started), "demo-feed");
            feed.setDaemon(true);
            feed.start();

            List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(data), seed);
            Replayer.send(bootstrap, rows, rate, quietFeed ? out : null);
            Exporter.awaitQuiet(bootstrap, "attribution-demo", Duration.ofSeconds(2), Duration.ofMinutes(10), null);
            feeding.set(false);
            feed.join(5_000);

            Exporter.Snapshot snapshot = Exporter.read(bootstrap);
            printTable(out, snapshot.totals().values(), updates.get(), snapshot.updates().size());
            if (exitWhenDone) {
                return 0;
            }
            out.printf("demo: still running: dashboard on http://localhost:%d/; Ctrl-C stops it%n",
                    engine.httpPort());
            out.flush();
            CountDownLatch interrupted = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(interrupted::countDown, "demo-stop"));
            interrupted.await();
            return 0;
        }
    }

    private static void feed(String bootstrap, PrintWriter out, AtomicBoolean running, AtomicLong updates,
            CountDownLatch first, long started) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "attribution-demo-feed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Names.ATTRIBUTION_UPDATES));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (UpdateKey.parse(r.key()).isPart()) {
                        continue; // a run of a large answer's touchpoints; its answer record follows
                    }
                    AttributionUpdate u = Topics.ATTRIBUTION_UPDATES.valueSerde().deserializer()
                            .deserialize(r.topic(), r.value());
                    if (updates.incrementAndGet() == 1) {
                        first.countDown();
                        out.printf(Locale.ROOT, "demo: first update %.1f s after start%n",
                                (System.nanoTime() - started) / 1e9);
                    }
                    out.println(u == null ? String.format(Locale.ROOT, "  %-44s retracted", r.key()) : line(u));
                }
                out.flush();
            }
        }
    }

    private static String line(AttributionUpdate u) {
        if (u.isSplit()) {
            return String.format(Locale.ROOT, "  %-12s %-15s %-15s %,d touchpoints in %d parts  revenue %10s  v%d",
                    u.customerId(), u.conversionType(), u.model(), u.touchpointCount(), u.parts(), u.revenue(),
                    u.version());
        }
        AttributionUpdate.Touchpoint top = u.touchpoints().stream()
                .max(Comparator.comparing(AttributionUpdate.Touchpoint::credit)).orElseThrow();
        return String.format(Locale.ROOT, "  %-12s %-15s %-15s top %-12s %6s  revenue %10s  v%d", u.customerId(),
                u.conversionType(), u.model(), top.channel(), Formats.credit(top.credit().setScale(3,
                        java.math.RoundingMode.HALF_EVEN)), u.revenue(), u.version());
    }

    private static void printTable(PrintWriter out, java.util.Collection<ChannelTotalRecord> totals, long updates,
            int answers) {
        out.printf(Locale.ROOT, "%ndemo: %,d updates received, %,d current answers. Channel totals:%n", updates, answers);
        out.printf(Locale.ROOT, "  %-15s %-15s %-16s %12s %14s %11s%n", "conversion", "model", "channel", "credit",
                "revenue", "touchpoints");
        totals.stream().sorted(Comparator.comparing(ChannelTotalRecord::conversionType)
                        .thenComparing(ChannelTotalRecord::model).thenComparing(ChannelTotalRecord::channel))
                .forEach(t -> out.printf(Locale.ROOT, "  %-15s %-15s %-16s %12s %14s %11d%n", t.conversionType(),
                        t.model(), t.channel(), t.credit().setScale(3, java.math.RoundingMode.HALF_EVEN)
                                .stripTrailingZeros().toPlainString(), t.revenue(), t.touchpoints()));
        out.flush();
    }
}
