package io.attributionstreams.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one runnable jar: {@code java -jar target/attribution-streams.jar COMMAND ...}. */
@Command(name = "attribution-streams",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Real-time multi-touch marketing attribution on Kafka Streams, with its batch reference engine.",
        subcommands = {BatchCommand.class, GenerateCommand.class, BrokerCommand.class, TopicsCommand.class,
            RunCommand.class, ReplayCommand.class, ExportCommand.class, EraseCommand.class, ResetCommand.class, DemoCommand.class,
            BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with the project's error handling; tests call this and {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(ErrorHandlers::badParameter);
        cli.setExecutionExceptionHandler(ErrorHandlers::failedExecution);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
