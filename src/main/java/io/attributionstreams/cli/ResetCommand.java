package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.broker.BrokerCheck;
import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.reset.ApplicationReset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reset}: recompute every answer after a change to a setting that changes answers. First with
 * every instance stopped, then with {@code --finish} once the instances, started with the new
 * settings, have caught up ({@link ApplicationReset}).
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Recompute everything after changing a setting that changes answers: with every instance "
                + "stopped, reset the application (Kafka's reset tool: input offsets to the earliest, internal topics "
                + "deleted) and wipe this machine's local state; start the instances with the new settings; then "
                + "reset --finish removes the answers the new settings no longer give.")
public final class ResetCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--application-id", paramLabel = "ID", description = "The application to reset (application.id).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "This machine's state.dir, whose folder for the application is wiped (default: state.dir "
                    + "of the configuration, if set).")
    Path stateDir;

    @Option(names = "--finish", description = "Once the restarted instances have caught up: tombstones for every "
            + "answer and total no record since the reset has written.")
    boolean finish;

    @Option(names = "--await-quiet", defaultValue = "5s", paramLabel = "DURATION",
            description = "With --finish: how long the outputs must not change before the app counts as caught up "
                    + "(default: ${DEFAULT-VALUE}).")
    String awaitQuiet;

    @Option(names = "--timeout", defaultValue = "2h", paramLabel = "DURATION",
            description = "With --finish: give up waiting after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> named = new LinkedHashMap<>();
        named.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        named.put(StreamsConfig.STATE_DIR_CONFIG, stateDir == null ? null : stateDir.toString());
        AppConfig config = connection.load(named);
        KafkaClients clients = KafkaClients.of(config.asMap());
        String id = config.get(StreamsConfig.APPLICATION_ID_CONFIG);
        PrintWriter err = spec.commandLine().getErr();
        BrokerCheck.require(clients);
        if (finish) {
            long tombstones = ApplicationReset.finish(clients, id, ExportCommand.duration(awaitQuiet, "--await-quiet"),
                    ExportCommand.duration(timeout, "--timeout"), err);
            err.printf("reset --finish: %s has caught up; %,d answers and totals the new settings no longer give "
                    + "removed (tombstones)%n", id, tombstones);
        } else {
            String state = config.get(StreamsConfig.STATE_DIR_CONFIG);
            err.println(ApplicationReset.start(clients, id, state == null ? null : Path.of(state)));
        }
        err.flush();
        return 0;
    }
}
