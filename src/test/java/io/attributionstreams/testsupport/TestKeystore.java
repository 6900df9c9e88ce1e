package io.attributionstreams.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PKCS12 keystore made for a test by the JDK's own keytool: a self-signed certificate for
 * {@code localhost} and {@code 127.0.0.1}, and its password in a file, as an operator would give them.
 *
 * @param keystore the keystore file
 * @param passwordFile the file holding its password
 */
public record TestKeystore(Path keystore, Path passwordFile) {
    private static final String PASSWORD = "test-keystore-password";

    public static TestKeystore generate(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("http.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "attribution",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return new TestKeystore(keystore, Files.writeString(dir.resolve("http.password"), PASSWORD + "\n"));
    }

    public char[] password() {
        return PASSWORD.toCharArray();
    }
}
