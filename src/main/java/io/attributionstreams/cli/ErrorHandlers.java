package io.attributionstreams.cli;

import io.attributionstreams.batch.InputException;
import io.attributionstreams.broker.BrokerCheck.BrokerRefusedException;
import io.attributionstreams.broker.BrokerCheck.BrokerUnreachableException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * A bad option or input ends with one clear line on stderr and a non-zero exit code, not a usage
 * page or a stack trace.
 */
final class ErrorHandlers {
    static final int BAD_USAGE = 2;
    static final int FAILED = 1;

    private ErrorHandlers() {
    }

    static int badParameter(ParameterException e, String[] args) {
        e.getCommandLine().getErr().println("error: " + e.getMessage()
                + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        return BAD_USAGE;
    }

    static int failedExecution(Exception e, CommandLine cli, ParseResult parsed) {
        if (e instanceof BrokerUnreachableException || e instanceof BrokerRefusedException) {
            cli.getErr().println("error: " + e.getMessage());
            return FAILED;
        }
        if (e instanceof InputException || e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof IllegalStateException) {
            cli.getErr().println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? BAD_USAGE : FAILED;
        }
        throw new IllegalStateException(e);
    }
}
