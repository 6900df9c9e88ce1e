package io.attributionstreams.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of identifiers: HMAC-SHA-256 of the identifier in the one spelling of
 * {@code facts.Identifiers} ({@code tel:+12015550123}, {@code mailto:a@b.com}, {@code id:C1}),
 * written as base64url without padding (43 characters). Without the key a pseudonym cannot be
 * turned back into its value, nor checked against a guess. Thread-safe.
 */
public final class Pseudonyms {
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final boolean oneOff;
    private final ThreadLocal<Mac> macs;

    private Pseudonyms(byte[] key, boolean oneOff) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key needs at least " + MIN_KEY_BYTES + " bytes, got "
                    + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.oneOff = oneOff;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public static Pseudonyms withKey(byte[] key) {
        return new Pseudonyms(key, false);
    }

    /** A new random key of 256 bits, as text (43 base64url characters): what a key file or topic holds. */
    public static String newKeyText() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** A random key for this run only: its pseudonyms match no other run's. */
    public static Pseudonyms oneOff() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new Pseudonyms(key, true);
    }

    /**
     * The key in a file: its text (UTF-8), trimmed, at least {@value #MIN_KEY_BYTES} characters.
     * Errors never quote the key.
     */
    public static Pseudonyms fromKeyFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("pseudonym key file not found: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pseudonym key file " + file + ": " + e.getMessage(), e);
        }
        if (text.length() < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("pseudonym key file " + file + " holds " + text.length()
                    + " characters; at least " + MIN_KEY_BYTES + " are needed");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return new Pseudonyms(bytes, false);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * A key for signing the requests the instances forward to each other: HMAC of the pseudonym key
     * over {@code "http-forwarding"}. The same for every instance (they share the pseudonym key), useless
     * for making or checking pseudonyms (an HMAC cannot be turned back into its key), and so safe to hand
     * to the HTTP side, which never sees the pseudonym key itself.
     */
    public byte[] forwardingKey() {
        return macs.get().doFinal("http-forwarding".getBytes(StandardCharsets.UTF_8));
    }

    /** True for a random key made for this run ({@link #oneOff()}). */
    public boolean isOneOff() {
        return oneOff;
    }

    /** @param identifier an identifier in the spelling of {@code facts.Identifiers} */
    public String of(String identifier) {
        byte[] mac = macs.get().doFinal(identifier.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonyms[HMAC-SHA-256" + (oneOff ? ", one-off key" : "") + "]";
    }
}
