package io.attributionstreams.attribution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A SHA-256 digest of everything an outcome says (conversion time, revenue, every credited
 * touchpoint with its credit and revenue share): two outcomes of one (customer, type, model) have
 * equal digests exactly when they are equal, bar a collision of SHA-256. The streaming engine keeps
 * this instead of the whole last answer, whose size grows with the customer's touchpoints.
 */
public final class OutcomeDigest {
    private OutcomeDigest() {
    }

    public static String of(Outcome outcome) {
        MessageDigest sha = sha256();
        text(sha, outcome.conversionAt() == null ? null : outcome.conversionAt().toString());
        number(sha, outcome.revenueCents());
        number(sha, outcome.touchpoints().size());
        for (CreditedTouchpoint t : outcome.touchpoints()) {
            text(sha, t.interactionId());
            text(sha, t.type().name());
            text(sha, t.channel());
            text(sha, t.campaign());
            text(sha, t.occurredAt().toString());
            text(sha, t.credit().toString());
            number(sha, t.revenueCents());
        }
        return Base64.getEncoder().withoutPadding().encodeToString(sha.digest());
    }

    /** Length-prefixed, so no choice of values can make two different field lists read the same. */
    private static void text(MessageDigest sha, String value) {
        if (value == null) {
            number(sha, -1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        number(sha, bytes.length);
        sha.update(bytes);
    }

    private static void number(MessageDigest sha, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha.update((byte) (value >>> shift));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
