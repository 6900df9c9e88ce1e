package io.attributionstreams.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting the folders the fixtures make in the temp folder, so that test runs leave none behind. */
public final class TempDirs {
    private TempDirs() {
    }

    /**
     * Deletes a folder and everything in it. A process that has just ended may leave a child writing
     * into it for a moment (Chromium's helpers do), so a folder that is not empty yet is tried again
     * for up to two seconds.
     */
    public static void delete(Path dir) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                deleteOnce(dir);
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt >= 20) {
                    throw new IllegalStateException("cannot delete " + dir + ": " + e.getMessage(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void deleteOnce(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new IOException("changed while walking", e);
            }
            throw e;
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
