package io.attributionstreams.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden examples of {@code ../shared/golden}, as copied into the test resources so the suite
 * runs on a fresh clone; {@code GoldenCopyTest} fails when the copy drifts from the shared one.
 */
public final class Golden {
    private Golden() {
    }

    public static Path root() {
        try {
            return Path.of(Golden.class.getResource("/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example names: basic, guardrails, limits, models, revisions, spend, stages. */
    public static List<String> examples() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path input(String example) {
        return root().resolve(example).resolve("input");
    }

    public static Path expected(String example) {
        return root().resolve(example).resolve("expected");
    }

    /**
     * The batch options the example was produced with (its {@code args} file), or none. A path in
     * it is relative to the example's folder, and is returned resolved against it.
     */
    public static List<String> args(String example) {
        Path folder = root().resolve(example);
        Path args = folder.resolve("args");
        try {
            if (!Files.exists(args)) {
                return List.of();
            }
            List<String> words = new ArrayList<>(Arrays.asList(Files.readString(args).strip().split("\\s+")));
            words.replaceAll(w -> !w.startsWith("-") && Files.isRegularFile(folder.resolve(w))
                    ? folder.resolve(w).toString() : w);
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
