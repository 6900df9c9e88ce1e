package io.attributionstreams.bench;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.batch.GuardrailSettings;
import io.attributionstreams.broker.EmbeddedKafka;
import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.broker.TopicCreator;
import io.attributionstreams.contract.UpdateKey;
import io.attributionstreams.export.ExportFiles;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.topology.Names;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code bench stream}: in one run, on one embedded broker, the broker's own pass-through with the
 * replay's producer settings (the physical floor), the {@link SkeletonTopology} on the same facts (the
 * framework's ceiling), the engine end to end (the app in its own JVM, exactly_once_v2, until converged,
 * with its peak RSS) and its ratio to the skeleton, latency from a fact's timestamp to its update at a
 * steady rate, and the batch engine on the same files. Figures are printed; nothing is asserted.
 */
public final class StreamBench {
    private static final String SCRATCH = "bench-passthrough";
    private static final String APPLICATION_ID = "attribution-bench";

    private final PrintWriter out;
    private final GeneratorSpec dataSet;
    private final int latencyRate;
    private final int latencySeconds;
    /** Upserts sent at the latency rate before step 4 measures, then caught up: see {@link #warmUp(int)}. */
    private int warmUpSeconds;
    private final int maxClaimants;
    private final AttributionSettings settings;
    private final List<String> appArguments;
    private Path profile;

    /**
     * @param settings what the app computes with, so the batch reference computes the same
     * @param maxClaimants the claimant cap the app and the batch reference run with (docs/contract.md §10); 0 for none
     * @param appArguments further {@code run} arguments of the app process (its configuration layers: the cap among them)
     */
    public StreamBench(PrintWriter out, GeneratorSpec dataSet, int latencyRate, int latencySeconds,
            AttributionSettings settings, int maxClaimants, List<String> appArguments) {
        this.settings = settings;
        this.appArguments = List.copyOf(appArguments);
        this.maxClaimants = maxClaimants;
        this.out = out;
        this.dataSet = dataSet;
        this.latencyRate = latencyRate;
        this.latencySeconds = latencySeconds;
    }

    /**
     * Send the latency step's upserts at its rate for this long before measuring, then wait until the app has
     * caught up. Why: the upsert path meets code the back-log did not run, and a fresh JVM compiles it for
     * its first minute or so (the app's C2 compiler thread took half a core, more than either stream thread,
     * in the first 20 s of step 4); on two cores with the broker beside it, the app falls behind meanwhile,
     * and a step timed from its start measured that warm-up, not the running app. 0 measures from the start.
     */
    public StreamBench warmUp(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("the warm-up must be 0 s or more: " + seconds);
        }
        this.warmUpSeconds = seconds;
        return this;
    }

    /**
     * Record the app process with Java Flight Recorder's profiling settings into this file, for
     * {@code jfr print} or JDK Mission Control: where the engine's time goes.
     */
    public StreamBench profileInto(Path recording) {
        this.profile = recording;
        return this;
    }

    /** @param work an empty folder for the data, the broker, the app's state and log */
    public void run(Path work) throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        DataGenerator.Written written = new DataGenerator(dataSet).writeTo(data);
        // the shuffled facts in memory serve the streaming steps only: out of scope before the batch step reads
        // the files again (the full-size run once ran out of memory in the batch step with them still referenced)
        streamingSteps(work, data, written);
        long batchStart = System.nanoTime();
        BatchRun.Summary summary = BatchRun.run(data, Files.createDirectories(work.resolve("batch")), settings,
                new GuardrailSettings(null, maxClaimants == 0 ? null : maxClaimants, null, null).load(settings.region()),
                null);
        double batchSeconds = (System.nanoTime() - batchStart) / 1e9;
        print("5. batch on the same files: %,d facts in %.1f s = %,.0f facts/s", summary.rows(), batchSeconds,
                summary.rows() / batchSeconds);
        List<String> differences = ExportFiles.differences(work.resolve("batch"), work.resolve("export"));
        print("export after step 3 equals batch: %s", differences.isEmpty() ? "yes, byte for byte" : "NO " + differences);
    }

    /** Steps 1 to 4, on an embedded broker: the broker, the skeleton, the engine and its latency. */
    private void streamingSteps(Path work, Path data, DataGenerator.Written written) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, work.resolve("kafka"))) {
            String bootstrap = kafka.bootstrapServers();
            TopicCreator.createMissing(bootstrap, 0, 0);
            Converging engine = stepsOneToThree(work, data, written, bootstrap);
            try {
                // what steps 1 to 3 held (the 1.36M shuffled facts, the converged export) is garbage by now: collected
                // before the latency step, the bench's own collector does not run beside the app through it (it took
                // 30 to 60% of a core of this JVM through the warm-up and step 4 while they were still referenced)
                System.gc();
                Measured step4 = latency(bootstrap, engine.upserts(), engine.app());
                List<Long> latencies = new ArrayList<>(step4.latencies());
                Collections.sort(latencies);
                print("4. latency at %,d facts/s for %d s (%,d updates): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms",
                        latencyRate, latencySeconds, latencies.size(), pct(latencies, 50), pct(latencies, 95),
                        pct(latencies, 99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1));
                print("   app CPU while step 4 measured (its upserts and 3 s after the last): %s of one core over %.1f s",
                        percent(step4.cpuSeconds(), step4.seconds()), step4.seconds());
                int upserts = latencyRate * latencySeconds;
                long records = step4.written().stream().mapToLong(Map.Entry::getValue).sum();
                print("   records written per upsert while step 4 measured (every topic, transaction markers included): "
                        + "%.2f; by topic: %s", (double) records / upserts, step4.written().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey().replace(APPLICATION_ID + "-", ""),
                                (double) e.getValue() / upserts))
                        .collect(Collectors.joining(", ")));
                print("   app peak RSS over the whole run %,d MB", engine.app().peakRssKb() / 1024);
            } finally {
                engine.app().close();
            }
        }
    }

    /** The engine, still running after step 3, and the facts step 4 sends again (payments and appointments). */
    private record Converging(AppProcess app, List<CsvRow> upserts) {
    }

    /**
     * Steps 1 to 3: the broker, the skeleton, the engine converged and exported. The whole data set in memory is
     * theirs alone: it is out of scope once this returns, the engine still running for step 4.
     */
    private Converging stepsOneToThree(Path work, Path data, DataGenerator.Written written, String bootstrap)
            throws Exception {
        List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(data), dataSet.seed());
        print("data: %,d facts (%,d interactions, %,d customers), shuffled; claimant cap %s", written.total(),
                dataSet.interactions(), dataSet.customers(), maxClaimants == 0 ? "none" : "K=" + maxClaimants);
        double[] broker = brokerPassThrough(bootstrap, rows);
        print("1. broker: produce %,.0f records/s, consume (read_committed) %,.0f records/s, "
                + "produce then consume %,.0f records/s", broker[0], broker[1], broker[2]);

        // the facts go in once, before either app starts: the skeleton and the engine then read the same
        // records, each timed from its readiness to its convergence
        long replayStart = System.nanoTime();
        Replayer.send(bootstrap, rows, 0, null);
        print("   replay into the input topics: %,d facts in %.1f s, before either app starts", rows.size(),
                (System.nanoTime() - replayStart) / 1e9);

        AppProcess skeletonApp = AppProcess.startSkeleton(bootstrap, SkeletonTopology.APPLICATION_ID,
                work.resolve("skeleton-state"), work.resolve("skeleton.log"));
        Converged skeleton;
        try {
            skeleton = converge(skeletonApp, bootstrap, SkeletonTopology.APPLICATION_ID, SkeletonTopology.OUTPUTS,
                    List.of(), "waiting for its outputs to settle", rows.size());
        } finally {
            skeletonApp.close();
        }
        double skeletonRate = rows.size() / skeleton.seconds();
        print("2. skeleton (same input topics, repartitions by identifier, customer and channel, one store "
                + "read-modify-write per hop, exactly_once_v2, commit 50 ms): %,d facts in %.1f s = %,.0f facts/s; "
                + "app peak RSS %,d MB; %s", rows.size(), skeleton.seconds(), skeletonRate,
                skeletonApp.peakRssKb() / 1024, cpuPerFacts(skeleton.cpuSeconds(), rows.size()));
        print("   skeleton / broker pass-through (produce then consume): %.0f%%", 100 * skeletonRate / broker[2]);

        List<String> jvm = profile == null ? List.of()
                : List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + profile);
        AppProcess app = AppProcess.start(jvm, bootstrap, APPLICATION_ID, work.resolve("state"), work.resolve("app.log"),
                appArguments.toArray(String[]::new));
        try {
            Converged engine = converge(app, bootstrap, APPLICATION_ID,
                    List.of(Names.ATTRIBUTION_UPDATES, Names.CHANNEL_TOTALS, Names.CAMPAIGN_TOTALS,
                            Names.MONTH_TOTALS, Names.PATH_TOTALS), Names.DEFERRED_WORK_STORES,
                    "waiting for deferred recomputes and fan-outs to settle", rows.size());
            double engineRate = rows.size() / engine.seconds();
            print("3. engine: %,d facts converged in %.1f s = %,.0f facts/s end to end (exactly_once_v2); "
                    + "app peak RSS %,d MB; %s", rows.size(), engine.seconds(), engineRate, app.peakRssKb() / 1024,
                    cpuPerFacts(engine.cpuSeconds(), rows.size()));
            print("   phases: all input processed (committed) after %.1f s; deferred recomputes and fan-outs "
                    + "settled %.1f s later", engine.inputSeconds(),
                    Math.max(0, engine.seconds() - engine.inputSeconds()));
            print("   engine / skeleton: %.0f%%   (target 70%% at 1M facts); CPU per fact, skeleton / engine: %s",
                    100 * engineRate / skeletonRate, percent(skeleton.cpuSeconds(), engine.cpuSeconds()));
            print("   engine / broker pass-through (produce then consume): %.0f%%", 100 * engineRate / broker[2]);
            long[] updates = tally(bootstrap, Names.ATTRIBUTION_UPDATES);
            print("   attribution-updates written: %,d records, %,.1f MB: %.2f records and %,.0f bytes per input fact",
                    updates[0], updates[1] / 1e6, updates[0] / (double) rows.size(), updates[1] / (double) rows.size());
            Exporter.read(bootstrap).write(Files.createDirectories(work.resolve("export")));
            return new Converging(app, rows.stream().filter(r -> r.file() == FactFile.PAYMENTS
                    || r.file() == FactFile.APPOINTMENTS).toList());
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /**
     * How long an app took, from its readiness to its convergence, on input already in its topics.
     *
     * @param seconds until the last record of its outputs appeared
     * @param inputSeconds until it had committed every input fact (-1 if never seen)
     */
    private record Converged(double seconds, double inputSeconds, double cpuSeconds) {
    }

    /** The app's CPU time and its cost per 1,000 facts, or that the platform does not report it. */
    private static String cpuPerFacts(double cpuSeconds, int facts) {
        return Double.isNaN(cpuSeconds) ? "app CPU not reported by this platform"
                : String.format(Locale.ROOT, "app CPU %.1f s = %.1f ms per 1,000 facts", cpuSeconds, cpuSeconds * 1e6 / facts);
    }

    /** {@code part / whole} as a percentage, or "unknown" where the platform reports no CPU time. */
    private static String percent(double part, double whole) {
        double ratio = part / whole;
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "unknown"
                : String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
    }

    /**
     * Waits until {@code app} is ready, then until it is quiet (its group has consumed the input and its
     * internal topics, nothing waits in {@code deferredWorkStores}, its outputs have stopped growing for 2 s),
     * with a progress line every 30 s. The skeleton and the engine are measured alike by this.
     */
    private Converged converge(AppProcess app, String bootstrap, String applicationId, List<String> outputs,
            List<String> deferredWorkStores, String settling, int facts) throws InterruptedException {
        app.awaitReady(Duration.ofMinutes(2));
        double cpuAtReady = app.cpuSeconds();
        OutputWatch watch = OutputWatch.start(bootstrap, outputs);
        long start = System.nanoTime();
        double inputSeconds;
        try (ProgressReport progress = ProgressReport.start(bootstrap, applicationId, facts, Duration.ofSeconds(30),
                out, settling, app::cpuSeconds)) {
            Exporter.awaitQuiet(KafkaClients.of(bootstrap), applicationId, outputs, deferredWorkStores,
                    Duration.ofSeconds(2), Duration.ofHours(2), null);
            inputSeconds = progress.inputProcessedSeconds(start);
        }
        return new Converged((watch.stop() - start) / 1e9, inputSeconds, app.cpuSeconds() - cpuAtReady);
    }

    /** Produce every row to a scratch topic with replay's settings, then read it back read_committed. */
    private double[] brokerPassThrough(String bootstrap, List<CsvRow> rows) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(SCRATCH, 6, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        List<byte[]> values = new ArrayList<>(rows.size());
        for (CsvRow row : rows) {
            values.add(Replayer.json(row));
        }
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Replayer.producerSettings(bootstrap))) {
            for (int i = 0; i < rows.size(); i++) {
                producer.send(new ProducerRecord<>(SCRATCH, ReplayPlan.recordKey(rows.get(i)), values.get(i)));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        long consumeStart = System.nanoTime();
        long read = 0;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                partitions.add(new TopicPartition(SCRATCH, i));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (read < rows.size()) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        double consumeSeconds = (System.nanoTime() - consumeStart) / 1e9;
        return new double[] {rows.size() / produceSeconds, rows.size() / consumeSeconds,
            rows.size() / (produceSeconds + consumeSeconds)};
    }

    /**
     * With the app caught up, re-sends facts of existing customers (payments and appointments, each
     * an upsert that changes an answer) at a steady rate, first for the warm-up and unmeasured, then until the app
     * has caught up again, then measured; latency = arrival of the update minus the fact's timestamp, which Kafka
     * Streams carries from input to output record.
     */
    private Measured latency(String bootstrap, List<CsvRow> facts, AppProcess app) throws Exception {
        int warmUpFacts = latencyRate * warmUpSeconds;
        if (warmUpFacts > 0) {
            long warmUpStart = System.nanoTime();
            sendAtRate(bootstrap, facts, 0, warmUpFacts);
            double sent = (System.nanoTime() - warmUpStart) / 1e9;
            Exporter.awaitQuiet(KafkaClients.of(bootstrap), APPLICATION_ID, Duration.ofSeconds(2), Duration.ofMinutes(30),
                    null);
            print("   warm-up: %,d upserts at %,d facts/s in %.1f s; the app was quiet again (caught up, then 2 s "
                    + "without new output) %.1f s after the last",
                    warmUpFacts, latencyRate, sent, (System.nanoTime() - warmUpStart) / 1e9 - sent);
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean listening = new AtomicBoolean(true);
        long phaseStart = System.currentTimeMillis();
        Thread listener = new Thread(() -> {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Names.ATTRIBUTION_UPDATES));
                while (listening.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        if (r.timestamp() >= phaseStart && !UpdateKey.parse(r.key()).isPart()) {
                            latencies.add(System.currentTimeMillis() - r.timestamp());
                        }
                    }
                }
            }
        }, "bench-latency");
        listener.start();
        Thread.sleep(3_000); // the listener joins its group before the first fact
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicOffsets offsetsBefore = TopicOffsets.of(admin);
            double cpuBefore = app.cpuSeconds();
            long start = System.nanoTime();
            sendAtRate(bootstrap, facts, warmUpFacts, latencyRate * latencySeconds);
            Thread.sleep(3_000);
            listening.set(false);
            listener.join();
            double cpu = app.cpuSeconds() - cpuBefore;
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Measured(List.copyOf(latencies), cpu, seconds, TopicOffsets.of(admin).since(offsetsBefore));
        }
    }

    /**
     * What step 4 measured: each update's latency, the app's CPU time over the wall time it measured for, and the
     * records each topic took meanwhile.
     */
    private record Measured(List<Long> latencies, double cpuSeconds, double seconds,
            List<Map.Entry<String, Long>> written) {
    }

    /** Sends {@code count} upserts at the latency rate, from the {@code from}-th fact on (round the list). */
    private void sendAtRate(String bootstrap, List<CsvRow> facts, int from, int count) throws InterruptedException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Replayer.producerSettings(bootstrap))) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                CsvRow row = facts.get((from + i) % facts.size());
                producer.send(new ProducerRecord<>(Replayer.topicOf(row.file()), ReplayPlan.recordKey(row),
                        bumped(row)));
                long due = start + (i + 1) * 1_000_000_000L / latencyRate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            producer.flush();
        }
    }

    /** The row's JSON with the amount or booking moved a little, so the answer really changes. */
    private static byte[] bumped(CsvRow row) {
        String json = new String(Replayer.json(row), java.nio.charset.StandardCharsets.UTF_8);
        String changed = row.file() == FactFile.PAYMENTS
                ? json.replaceFirst("\"amount\":\"(-?)(\\d+)", "\"amount\":\"$1" + (1 + System.nanoTime() % 900))
                : json.replaceFirst("\"attended_at\":\"[^\"]*\"", "\"attended_at\":\"" + java.time.Instant.now() + "\"");
        return changed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    /** Records and bytes (keys and values) on {@code topic}, read to its end, read_committed. */
    private static long[] tally(String bootstrap, String topic) {
        long[] bytes = {0};
        long records = TopicReader.forEach(bootstrap, topic, record -> bytes[0] +=
                (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length));
        return new long[] {records, bytes[0]};
    }

    private void print(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    /** Samples the end offsets of the output topics and remembers when they last grew. */
    static final class OutputWatch {
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long lastGrowth = System.nanoTime();

        private OutputWatch(String bootstrap, List<String> topics) {
            thread = new Thread(() -> {
                Properties p = new Properties();
                p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                        new ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = new ArrayList<>();
                    for (String topic : topics) {
                        consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                    }
                    long total = -1;
                    while (running.get()) {
                        long now = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                        if (now != total) {
                            total = now;
                            lastGrowth = System.nanoTime();
                        }
                        Thread.sleep(50);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-output-watch");
        }

        static OutputWatch start(String bootstrap, List<String> topics) {
            OutputWatch watch = new OutputWatch(bootstrap, topics);
            watch.thread.start();
            return watch;
        }

        /** Stops watching; the nanoTime at which the outputs last grew. */
        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return lastGrowth;
        }
    }
}
