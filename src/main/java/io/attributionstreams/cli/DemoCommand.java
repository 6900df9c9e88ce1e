package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.RunningEngine;
import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.demo.ChannelTable;
import io.attributionstreams.demo.DemoLog;
import io.attributionstreams.demo.DemoProgress;
import io.attributionstreams.demo.DemoTerminal;
import io.attributionstreams.demo.FeedLines;
import io.attributionstreams.demo.NextSteps;
import io.attributionstreams.demo.OutputWatcher;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole engine on one machine, for a first look. Starts an embedded broker and the app,
 * generates a sample data set, replays it at a visible rate under a status line and a sampled feed of
 * conversions, summarises what happened, and says what to try next while it keeps serving the dashboard.
 * Its working folder (broker data, state, the generated files) goes when it stops; Kafka's own log goes to
 * a file, so the terminal shows the demo and nothing else.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded Kafka broker and the app, replay a generated data set at a visible rate with "
                + "a status line and a sampled feed of conversions, print the channel table and what to try next, "
                + "and keep serving the dashboard until Ctrl-C.")
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    private static final double REVISIONS = 0.05;

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

    @Option(names = "--exit-when-done", description = "Exit 0 after the summary, for scripts.")
    boolean exitWhenDone;

    @Option(names = "--verbose", description = "Print every update (every conversion, every model, retractions), not a "
            + "sample of about one conversion a second.")
    boolean verbose;

    @Option(names = "--status", defaultValue = "auto", paramLabel = "auto|inplace|lines",
            converter = StatusModeConverter.class,
            description = "The status line: redrawn in place on a terminal, a line every 5 s otherwise (auto, the "
                    + "default), or forced either way.")
    DemoTerminal.StatusMode status;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Where the log goes (default: attribution-demo.log in the system's temporary folder).")
    Path logFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || customers <= 0 || interactions < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rate and --customers must be positive, --interactions not negative");
        }
        DemoTerminal terminal = new DemoTerminal(spec.commandLine().getOut(), status);
        Path log = logFile != null ? logFile : Path.of(System.getProperty("java.io.tmpdir"), "attribution-demo.log");
        DemoLog.redirectTo(log);
        Path work = Files.createTempDirectory("attribution-demo");
        try {
            return demo(terminal, work, log);
        } finally {
            BenchCommand.deleteTree(work);
        }
    }

    private int demo(DemoTerminal terminal, Path work, Path log) throws Exception {
        long started = System.nanoTime();
        terminal.println("attribution-streams demo: a Kafka broker (KRaft) and the streaming app, in this process");
        terminal.println("  log        " + log + " (Kafka's own messages)");
        terminal.println("  folder     " + work + " (broker data, state, generated files; removed when the demo stops)");
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put(StreamsConfig.APPLICATION_ID_CONFIG, "attribution-demo");
        cli.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("state").toString());
        cli.put(AppConfig.HTTP_PORT, Integer.toString(httpPort));
        // for the person at the keyboard: this machine only, so no token to type
        cli.put(AppConfig.HTTP_BIND_ADDRESS, "127.0.0.1");
        cli.put(AppConfig.HTTP_AUTH_TOKEN_FILE, "");
        cli.put(AppConfig.EMBEDDED_PORT, Integer.toString(kafkaPort));
        cli.put(AppConfig.EMBEDDED_DIR, work.resolve("kafka").toString());
        try (RunningEngine engine = RunningEngine.start(null, Map.of(), cli)) {
            String bootstrap = engine.bootstrapServers();
            terminal.println("  broker     " + bootstrap);
            terminal.println("  dashboard  http://localhost:" + engine.httpPort() + "/ (this machine only: bound to "
                    + "127.0.0.1, no token)");
            Path data = work.resolve("data");
            Files.createDirectories(data);
            DataGenerator.Written written = new DataGenerator(
                    new GeneratorSpec(customers, interactions, seed, REVISIONS, ZoneOffset.UTC)).writeTo(data);
            terminal.printf("  data       %,d facts: %,d customers, %,d interactions, their appointments and payments "
                    + "(seed %d; some rows revised, some deliberately bad); %,d a second, in random order",
                    written.total(), customers, interactions, seed, rate);
            terminal.println("");
            terminal.println(verbose ? "Every update as it is written to attribution-updates:"
                    : "A sample of conversions as they are attributed (--verbose for every update):");
            terminal.println(FeedLines.header());

            DemoProgress progress = new DemoProgress(written.total(), rate);
            awaitRunning(engine, terminal);
            OutputWatcher watcher = new OutputWatcher(bootstrap, terminal, progress, verbose);
            Thread watching = new Thread(watcher, "demo-watcher");
            watching.setDaemon(true);
            watching.start();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-status");
                t.setDaemon(true);
                return t;
            });
            long every = terminal.inPlace() ? 250 : 5_000;
            ticker.scheduleAtFixedRate(() -> terminal.status(progress.statusLine()), every, every, TimeUnit.MILLISECONDS);

            List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(data), seed);
            progress.replayStarted();
            Replayer.send(bootstrap, rows, rate, null, progress.replayed());
            progress.replayEnded();
            Exporter.awaitQuiet(bootstrap, "attribution-demo", Duration.ofSeconds(2), Duration.ofMinutes(10), null);
            watcher.finish();
            watching.join(30_000);
            progress.done();
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            terminal.status(progress.statusLine());
            terminal.endStatus();

            Exporter.Snapshot snapshot = Exporter.read(bootstrap);
            summarise(terminal, progress, snapshot, started);
            Optional<String> model = ChannelTable.model(snapshot.totals().values());
            model.ifPresent(m -> {
                terminal.println("");
                terminal.println("Channel totals, model " + m + " (the dashboard shows every model and type):");
                ChannelTable.lines(snapshot.totals().values(), m).forEach(terminal::println);
            });
            Optional<AttributionUpdate> example = NextSteps.example(snapshot.updates().values());
            terminal.println("");
            NextSteps.lines(new NextSteps.Run(engine.httpPort(), customers, interactions, seed, REVISIONS, exitWhenDone),
                    example, model.orElse("daily_split")).forEach(terminal::println);
            if (exitWhenDone) {
                return 0;
            }
            CountDownLatch stop = new CountDownLatch(1);
            StopSignals.onStop(stop::countDown);
            stop.await();
            terminal.println("demo: stopping ...");
        }
        terminal.println("demo: stopped; Kafka Streams closed, the broker stopped, the demo's folder removed");
        return 0;
    }

    /**
     * Until Kafka Streams runs: a first start creates the internal topics, joins the group and
     * initialises a transactional producer per task, which takes some seconds; facts sent meanwhile
     * would wait, and the feed would start only after the replay ended.
     */
    private static void awaitRunning(RunningEngine engine, DemoTerminal terminal) throws InterruptedException {
        long since = System.nanoTime();
        while (engine.app().streams().state() != KafkaStreams.State.RUNNING) {
            if (!engine.app().streams().state().isRunningOrRebalancing()) {
                throw new IllegalStateException("Kafka Streams stopped while starting: " + engine.app().streams().state()
                        + " (see the log)");
            }
            terminal.status(String.format(Locale.ROOT, "starting: Kafka Streams is %s (%.0f s)",
                    engine.app().streams().state().name().toLowerCase(Locale.ROOT), (System.nanoTime() - since) / 1e9));
            Thread.sleep(terminal.inPlace() ? 250 : 5_000);
        }
    }

    private static void summarise(DemoTerminal terminal, DemoProgress progress, Exporter.Snapshot snapshot,
            long started) {
        terminal.println("");
        terminal.printf("Done in %.0f s: %,d facts replayed, %,d updates written, %,d current answers "
                        + "(a customer, conversion and model each).",
                (System.nanoTime() - started) / 1e9, progress.replayed().get(), progress.updates(),
                snapshot.updates().size());
        if (progress.deadLetters() == 0) {
            terminal.println("No dead letters.");
        } else {
            terminal.printf("%,d dead letters (the generator writes some bad rows on purpose): %s.",
                    progress.deadLetters(), progress.deadLettersByKind());
        }
    }

    /** {@code auto}, {@code inplace} or {@code lines}, in any case. */
    static final class StatusModeConverter implements picocli.CommandLine.ITypeConverter<DemoTerminal.StatusMode> {
        @Override
        public DemoTerminal.StatusMode convert(String value) {
            try {
                return DemoTerminal.StatusMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not one of auto, inplace, lines");
            }
        }
    }
}
