package io.attributionstreams.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of a secured embedded broker, made on its first secured start and kept in its
 * folder ({@code tls/}) so that clients' files stay valid across restarts: a local CA, the broker's
 * certificate for {@code 127.0.0.1} and {@code localhost} signed by it, and a client certificate for
 * mutual TLS. Every store is PKCS12 with one random password ({@code tls/password}); the CA is also
 * written as PEM, for clients that take PEM ({@code kcat}, {@code openssl}).
 *
 * @param brokerKeystore the broker's key and certificate chain
 * @param truststore the CA, for clients and for the broker to check client certificates
 * @param clientKeystore a client's key and certificate chain, for mutual TLS
 * @param caPem the CA certificate as PEM
 * @param password of every store and key
 */
public record BrokerTls(Path brokerKeystore, Path truststore, Path clientKeystore, Path caPem, String password) {
    static final String CLIENT_NAME = "attribution-client";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The material in {@code dir}, made there first when missing. */
    public static BrokerTls in(Path dir) {
        BrokerTls tls = new BrokerTls(dir.resolve("broker.p12"), dir.resolve("truststore.p12"),
                dir.resolve("client.p12"), dir.resolve("ca.pem"), null);
        Path passwordFile = dir.resolve("password");
        try {
            if (Files.exists(passwordFile) && Files.exists(tls.brokerKeystore) && Files.exists(tls.truststore)
                    && Files.exists(tls.clientKeystore)) {
                return tls.withPassword(Files.readString(passwordFile, StandardCharsets.US_ASCII).strip());
            }
            Files.createDirectories(dir);
            String password = randomSecret();
            BrokerTls made = tls.withPassword(password);
            made.create();
            Files.writeString(passwordFile, password, StandardCharsets.US_ASCII);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's certificates in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the broker's certificates: " + e.getMessage(), e);
        }
    }

    /** 24 random bytes, URL-safe Base64: for passwords of stores and SCRAM users. */
    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private BrokerTls withPassword(String secret) {
        return new BrokerTls(brokerKeystore, truststore, clientKeystore, caPem, secret);
    }

    private void create() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair caKeys = keyPair();
        X500Name caName = new X500Name("CN=attribution-streams local CA");
        X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(), caName,
                caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                caKeys.getPrivate());

        KeyPair brokerKeys = keyPair();
        X509Certificate broker = sign(leaf(caName, "CN=localhost", brokerKeys, KeyPurposeId.id_kp_serverAuth)
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")})), caKeys.getPrivate());

        KeyPair clientKeys = keyPair();
        X509Certificate client = sign(leaf(caName, "CN=" + CLIENT_NAME, clientKeys, KeyPurposeId.id_kp_clientAuth),
                caKeys.getPrivate());

        writeKeyStore(brokerKeystore, "broker", brokerKeys.getPrivate(), broker, ca);
        writeKeyStore(clientKeystore, CLIENT_NAME, clientKeys.getPrivate(), client, ca);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, password.toCharArray());
        }
        Files.writeString(caPem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
    }

    private static X509v3CertificateBuilder leaf(X500Name issuer, String subject, KeyPair keys, KeyPurposeId purpose)
            throws IOException {
        return new JcaX509v3CertificateBuilder(issuer, serial(), notBefore(), notAfter(), new X500Name(subject),
                keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private void writeKeyStore(Path file, String alias, PrivateKey key, X509Certificate cert, X509Certificate ca)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, password.toCharArray(), new Certificate[] {cert, ca});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofDays(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }

    /** The password is a secret: never printed. */
    @Override
    public String toString() {
        return "BrokerTls[" + truststore.getParent() + "]";
    }
}
