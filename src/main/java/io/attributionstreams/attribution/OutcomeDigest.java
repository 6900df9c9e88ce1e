package io.attributionstreams.attribution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
        Fields fields = new Fields(64 + 96 * outcome.touchpoints().size());
        fields.text(outcome.conversionAt() == null ? null : outcome.conversionAt().toString());
        fields.number(outcome.revenueCents());
        fields.number(outcome.touchpoints().size());
        for (CreditedTouchpoint t : outcome.touchpoints()) {
            fields.text(t.interactionId());
            fields.text(t.type().name());
            fields.text(t.channel());
            fields.text(t.campaign());
            fields.number(t.occurredAt().getEpochSecond());
            fields.number(t.occurredAt().getNano());
            fields.text(t.credit().toString());
            fields.number(t.revenueCents());
        }
        MessageDigest sha = sha256();
        sha.update(fields.bytes, 0, fields.size);
        return Base64.getEncoder().withoutPadding().encodeToString(sha.digest());
    }

    /** The fields in one buffer, each length-prefixed, so no choice of values can make two lists read the same. */
    private static final class Fields {
        private byte[] bytes;
        private int size;

        Fields(int capacity) {
            bytes = new byte[capacity];
        }

        void text(String value) {
            if (value == null) {
                number(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            number(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void number(long value) {
            ensure(Long.BYTES);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
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
