package io.attributionstreams.testsupport;

import io.attributionstreams.broker.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from Debian's package: a fresh cluster ({@code initdb}) in a temporary
 * folder, on a free loopback port, stopped and deleted on close. As root (CI) the server runs as the
 * {@code postgres} user, which PostgreSQL requires. Without PostgreSQL installed this fails, loudly: a
 * warehouse test that skips proves nothing.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final Path bin;
    private final Path root;
    private final int port;
    private final boolean asPostgres;

    private LocalPostgres(Path bin, Path root, int port, boolean asPostgres) {
        this.bin = bin;
        this.root = root;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    public static LocalPostgres start() throws Exception {
        Path bin = binaries().orElseThrow(() -> new AssertionError("PostgreSQL is not installed (looked for initdb "
                + "on the PATH and under /usr/lib/postgresql/*/bin): the warehouse test needs a real server. Install "
                + "it, e.g. `apt-get install -y postgresql`; .ci/run does so when it is missing."));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("attribution-postgres");
        Files.createDirectories(dir.resolve("socket"));
        if (root) {
            run(List.of("chown", "-R", "postgres", dir.toString()), dir);
        }
        LocalPostgres server = new LocalPostgres(bin, dir, EmbeddedKafka.freePort(), root);
        server.as(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", USER,
                "-E", "UTF8", "--locale=C");
        server.as(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", "-p " + server.port + " -k "
                        + dir.resolve("socket") + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        return server;
    }

    /** The JDBC URL of its database; strings are sent untyped, so the server casts them to each column's type. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?stringtype=unspecified";
    }

    public String user() {
        return USER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** Runs a script of statements separated by semicolons (no semicolon inside one). */
    public void execute(String script) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : script.split(";")) {
                String sql = statement.lines().filter(l -> !l.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).strip();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            as(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "immediate", "-w",
                    "stop");
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void as(String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full, root);
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Path log = Files.createTempFile("attribution-postgres-command", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 90 s: "
                        + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Optional<Path> binaries() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path initdb = Path.of(dir, "initdb");
            if (!dir.isEmpty() && Files.isExecutable(initdb) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Optional.of(initdb.toRealPath().getParent());
            }
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
