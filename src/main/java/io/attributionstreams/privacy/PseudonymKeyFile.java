package io.attributionstreams.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A pseudonym key file made on the spot, for a broker that lives in this process (the embedded one):
 * its data and its key share one folder and one lifetime. A deployment on a real cluster brings its
 * own key, the same for every instance, from a secret; it is never made here.
 */
public final class PseudonymKeyFile {
    private PseudonymKeyFile() {
    }

    /** The key file at {@code file}, made with a new random key (readable by its owner only) if there is none. */
    public static Path createIfMissing(Path file) {
        if (Files.exists(file)) {
            return file;
        }
        byte[] text = (Pseudonyms.newKeyText() + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException raced) {
            return file; // made by another process meanwhile: theirs is the key
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pseudonym key file " + file + ": " + e.getMessage(), e);
        }
    }
}
