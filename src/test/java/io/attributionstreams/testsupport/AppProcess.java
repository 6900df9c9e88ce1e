package io.attributionstreams.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The app as a separate process ({@code Main run}), so a test can kill it with SIGKILL the way an
 * orchestrator or the kernel's OOM killer would: no shutdown hook, no close, no commit.
 */
public final class AppProcess implements AutoCloseable {
    private final Process process;

    private AppProcess(Process process) {
        this.process = process;
    }

    public static AppProcess start(String bootstrap, String applicationId, Path stateDir, Path log, String... extra) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.attributionstreams.cli.Main", "run", "--bootstrap-servers", bootstrap, "--application-id",
                applicationId, "--state-dir", stateDir.toString(), "--http-port", "0"));
        command.addAll(List.of(extra));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new AppProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the app process: " + e.getMessage(), e);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM: the app's shutdown hook closes Kafka Streams cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
