package io.attributionstreams.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * SIGTERM and Ctrl-C (SIGINT) as a request to stop, not a crash: the handler stops the engine cleanly on a
 * thread of its own, and the command then returns, so the process exits 0. A JVM that leaves it to its
 * shutdown hooks exits 143 after a SIGTERM, which Kubernetes and systemd report as a failure.
 */
final class StopSignals {
    private StopSignals() {
    }

    static void onStop(Runnable stop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(stop, "attribution-stop").start());
            } catch (IllegalArgumentException unsupported) {
                // no such signal here: the shutdown hook still closes the engine, with the JVM's own exit code
            }
        }
    }
}
