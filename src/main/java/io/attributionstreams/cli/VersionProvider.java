package io.attributionstreams.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The project's version as the build wrote it (Maven fills in {@code build.properties}), with the
 * Kafka client version it was built against: the same from the jar and from the compiled classes.
 */
public final class VersionProvider implements IVersionProvider {
    private static final String FILE = "/io/attributionstreams/build.properties";

    /** The project's version, such as {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return build().getProperty("version");
    }

    private static Properties build() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing: build with Maven");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build;
    }

    @Override
    public String[] getVersion() {
        Properties build = build();
        return new String[] {"attribution-streams " + build.getProperty("version") + " (Kafka Streams "
                + build.getProperty("kafka") + ", Java " + Runtime.version() + ")"};
    }
}
