package io.attributionstreams.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures as the vendors compute them, and their comparison in constant time. */
public final class Signatures {
    private Signatures() {
    }

    public static byte[] hmacSha1(String key, byte[] data) {
        return hmac("HmacSHA1", key, data);
    }

    public static byte[] hmacSha256(String key, byte[] data) {
        return hmac("HmacSHA256", key, data);
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Whether a signature as sent (text, e.g. Base64) equals the one expected; in time that does not depend on
     * where they differ, so that a forger learns nothing from how long a refusal takes. A missing one never does.
     */
    public static boolean sameText(String expected, String sent) {
        if (sent == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
