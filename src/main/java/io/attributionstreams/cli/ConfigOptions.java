package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The layers of the configuration every command reads, in one place: built-in defaults, then
 * {@code --config FILE}, then {@code ATTRIBUTION_*} environment variables, then {@code --set KEY=VALUE},
 * then the command's named options (such as {@code --zone} or {@code --bootstrap-servers}), each above
 * the ones before. So {@code batch}, {@code run} and the clients of {@code replay} or {@code export}
 * given the same file and environment compute with, and connect with, the same settings.
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file: Kafka client keys (bootstrap.servers, security.protocol, sasl.*, ssl.*) "
                    + "and attribution.* keys, below the environment and the command line.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any configuration key, above the file and the environment (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The configuration, with the command's named options as the top layer (keys to values; null values are skipped). */
    AppConfig load(Map<String, String> named) {
        return AppConfig.load(file, System.getenv(), commandLine(named));
    }

    /** {@code --set} and, above it, the named options given (null values skipped): the command-line layer. */
    Map<String, String> commandLine(Map<String, String> named) {
        Map<String, String> cli = new LinkedHashMap<>(overrides);
        named.forEach((key, value) -> {
            if (value != null) {
                cli.put(key, value);
            }
        });
        return cli;
    }

    /**
     * These layers and the named options as {@code run} arguments, for an app process the benchmarks
     * start: it inherits the environment, so it then computes with what {@link #load} gives here.
     */
    List<String> runArguments(Map<String, String> named) {
        List<String> args = new ArrayList<>();
        if (file != null) {
            args.addAll(List.of("--config", file.toAbsolutePath().toString()));
        }
        commandLine(named).forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        return args;
    }
}
