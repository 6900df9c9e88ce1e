package io.attributionstreams.bench;

import io.attributionstreams.broker.EmbeddedKafka;
import io.attributionstreams.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app as a separate process ({@code Main run}, from this jar or class path): its memory is its
 * own, and it can be killed with SIGKILL the way an orchestrator or the kernel's OOM killer would
 * (no shutdown hook, no close, no commit). Used by the benchmarks, the crash drill and the tests.
 */
public final class AppProcess implements AutoCloseable {
    private final Process process;
    private final int httpPort;
    /** Where a process without HTTP (the skeleton) says it is ready, and from which byte of the log; else null. */
    private final ReadyLine readyLine;
    private long peakRssKb;

    private AppProcess(Process process, int httpPort, ReadyLine readyLine) {
        this.process = process;
        this.httpPort = httpPort;
        this.readyLine = readyLine;
    }

    /** A line a process prints once ready, looked for in its log after {@code from} bytes (the log is shared). */
    private record ReadyLine(Path log, long from, String line) {
        boolean seen() throws IOException {
            byte[] bytes = Files.readAllBytes(log);
            return new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from),
                    StandardCharsets.UTF_8).contains(line);
        }
    }

    /**
     * @param log the process's output is appended here, so restarts share one log
     * @param extra further {@code run} options, such as {@code --set KEY=VALUE}
     */
    public static AppProcess start(String bootstrap, String applicationId, Path stateDir, Path log, String... extra) {
        return start(List.of(), bootstrap, applicationId, stateDir, log, extra);
    }

    /** @param jvmOptions options for the app's JVM, such as a flight recording for a profile */
    public static AppProcess start(List<String> jvmOptions, String bootstrap, String applicationId, Path stateDir,
            Path log, String... extra) {
        int port = EmbeddedKafka.freePort();
        List<String> arguments = new ArrayList<>(List.of("run", "--bootstrap-servers", bootstrap, "--application-id",
                applicationId, "--state-dir", stateDir.toString(), "--http-port", Integer.toString(port)));
        // no key file: the instances of one application share the key the app keeps in Kafka
        arguments.addAll(List.of(extra));
        return new AppProcess(launch(jvmOptions, arguments, log), port, null);
    }

    /**
     * The skeleton topology of {@code bench stream} ({@link SkeletonApp}) in a JVM like the app's; it is
     * ready once it prints {@link SkeletonApp#READY}.
     */
    public static AppProcess startSkeleton(String bootstrap, String applicationId, Path stateDir, Path log) {
        long from = log.toFile().length();
        Process process = launch(List.of(), List.of("bench", "skeleton-app", "--bootstrap-servers", bootstrap,
                "--application-id", applicationId, "--state-dir", stateDir.toString()), log);
        return new AppProcess(process, 0, new ReadyLine(log, from, SkeletonApp.READY));
    }

    private static Process launch(List<String> jvmOptions, List<String> arguments, Path log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1500m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            // a benchmark or drill stopped with Ctrl-C must not leave its app running without a broker
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-app-process"));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the app process: " + e.getMessage(), e);
        }
    }


    /**
     * Until the app's /health/ready answers 200: Kafka Streams is RUNNING, its tasks assigned and restored
     * (for the skeleton: until it has printed that Kafka Streams is RUNNING).
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            peakRssKb();
            try {
                if (readyLine != null ? readyLine.seen()
                        : http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(process.isAlive() ? "the app did not become ready within " + timeout
                : "the app exited with status " + process.exitValue() + " before it was ready");
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The exit status once the process has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /**
     * The CPU time (user and system, all threads) the process has used so far, in seconds; NaN where the
     * platform does not tell (so that any figure computed from it is NaN too, never a wrong number). Why: on a shared host, wall-clock rates move with what else runs, but the work
     * per fact changes only with the code, so CPU per fact compares builds and apps within one run and across runs.
     */
    public double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** VmHWM of the process: its peak resident set so far, from the kernel (the last reading once it ended). */
    public long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has ended; keep the last reading
        }
        return peakRssKb;
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() throws InterruptedException {
        peakRssKb();
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the app's shutdown hook closes Kafka Streams cleanly. */
    @Override
    public void close() throws InterruptedException {
        peakRssKb();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
