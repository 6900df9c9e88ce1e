package io.attributionstreams.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS for the main port from a PKCS12 keystore (the server's key and certificate), and what this
 * instance trusts when it forwards a query to another over HTTPS: the certificates of a truststore
 * when one is given, otherwise those of its own keystore. Every instance serves the same keystore, so
 * by default they trust each other and nothing else, with no certificate authority to run.
 */
public final class ServerTls {
    private final SSLContext server;
    private final SSLContext client;

    private ServerTls(SSLContext server, SSLContext client) {
        this.server = server;
        this.client = client;
    }

    /**
     * @param truststore a PKCS12 file of trusted certificates read with the same password, or null to
     *     trust the keystore's own certificates
     * @throws IllegalArgumentException naming the file that is missing or unreadable, never the password
     */
    public static ServerTls load(Path keystore, char[] password, Path truststore) {
        KeyStore keys = read(keystore, password);
        KeyStore trusted = truststore == null ? certificatesOf(keys) : read(truststore, password);
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(keyManagers.getKeyManagers(), null, null);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, trustManagers.getTrustManagers(), null);
            return new ServerTls(server, client);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the keystore " + keystore + ": " + e.getClass().getSimpleName());
        }
    }

    /** What the main port serves HTTPS with. */
    public SSLContext serverContext() {
        return server;
    }

    /** What forwarding to another instance trusts. */
    public SSLContext clientContext() {
        return client;
    }

    private static KeyStore read(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("file not found: " + file);
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password is an IOException too: say so without quoting it
            throw new IllegalArgumentException("cannot read the PKCS12 file " + file + " (wrong password, or not "
                    + "PKCS12): " + e.getClass().getSimpleName());
        }
    }

    /** A truststore of the certificates in {@code keys}: for instances that all serve the same keystore. */
    private static KeyStore certificatesOf(KeyStore keys) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (String alias : Collections.list(keys.aliases())) {
                Certificate certificate = keys.getCertificate(alias);
                if (certificate != null) {
                    trusted.setCertificateEntry(alias, certificate);
                }
            }
            return trusted;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a truststore in memory", e);
        }
    }
}
