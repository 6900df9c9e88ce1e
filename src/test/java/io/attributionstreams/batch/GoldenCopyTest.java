package io.attributionstreams.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.attributionstreams.testsupport.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The suite runs on its own copy of the golden examples (a fresh clone has no {@code ../shared}).
 * Where the shared originals are present, as on developer machines and in CI, the copy must be
 * identical to them.
 */
class GoldenCopyTest {

    @Test
    void copyEqualsSharedGolden() throws IOException {
        Path shared = Path.of("..", "shared", "golden");
        assumeTrue(Files.isDirectory(shared), "no ../shared/golden beside this checkout");
        for (String example : Golden.examples()) {
            for (String part : new String[] {"input", "expected"}) {
                Path copy = Golden.root().resolve(example).resolve(part);
                try (Stream<Path> files = Files.list(shared.resolve(example).resolve(part))) {
                    for (Path original : files.toList()) {
                        assertThat(copy.resolve(original.getFileName().toString()))
                                .as("%s/%s/%s", example, part, original.getFileName())
                                .hasSameBinaryContentAs(original);
                    }
                }
            }
        }
    }
}
