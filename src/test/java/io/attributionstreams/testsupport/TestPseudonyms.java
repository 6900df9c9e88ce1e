package io.attributionstreams.testsupport;

import io.attributionstreams.normalise.IdentifierValues;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.privacy.PseudonymisedValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pseudonym key of the tests: every topology and app in them turns phones and emails into pseudonyms. */
public final class TestPseudonyms {
    public static final String KEY = "a test key, not a secret: 32+ characters long";
    private static Path keyFile;

    private TestPseudonyms() {
    }

    public static IdentifierValues values() {
        return new PseudonymisedValues(Pseudonyms.withKey(KEY.getBytes(StandardCharsets.UTF_8)));
    }

    /** A file holding {@link #KEY}, one per test JVM, for apps configured with a key file. */
    public static synchronized Path keyFile() {
        if (keyFile == null) {
            try {
                Path dir = Files.createTempDirectory("attribution-test-key");
                keyFile = Files.writeString(dir.resolve("pseudonym.key"), KEY + "\n");
                dir.toFile().deleteOnExit();
                keyFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyFile;
    }
}
