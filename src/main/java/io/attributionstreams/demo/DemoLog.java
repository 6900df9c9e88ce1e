package io.attributionstreams.demo;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Sends every log line to a file for the demo's run. A first run of Kafka on a laptop warns about
 * things that are normal there (one broker, a fresh state folder, topics being created while clients
 * ask for them); on the terminal those read like failures and bury the demo's own output.
 */
public final class DemoLog {
    /** The system property {@code log4j2-demo.xml} reads the file's path from. */
    static final String FILE_PROPERTY = "attribution.demo.log";

    private DemoLog() {
    }

    public static void redirectTo(Path file) {
        System.setProperty(FILE_PROPERTY, file.toAbsolutePath().toString());
        try {
            Configurator.reconfigure(DemoLog.class.getResource("/log4j2-demo.xml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("log4j2-demo.xml has no usable URI", e);
        }
    }
}
