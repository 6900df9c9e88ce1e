package io.attributionstreams.testsupport;

import io.attributionstreams.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the jar's command line in-process, capturing what it prints. */
public final class Cli {
    private Cli() {
    }

    /** The exit code and the captured output and error text of one run. */
    public record Run(int exitCode, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
