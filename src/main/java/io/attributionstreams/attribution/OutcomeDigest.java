package io.attributionstreams.attribution;

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
        FieldWriter fields = new FieldWriter(64 + 96 * outcome.touchpoints().size());
        fields.text(outcome.conversionAt() == null ? null : outcome.conversionAt().toString());
        fields.text(outcome.revenueCents().toString());
        fields.number(outcome.touchpoints().size());
        for (CreditedTouchpoint t : outcome.touchpoints()) {
            fields.text(t.interactionId()).text(t.type().name()).text(t.channel()).text(t.campaign());
            fields.number(t.occurredAt().getEpochSecond()).number(t.occurredAt().getNano());
            fields.text(t.credit().toString()).text(t.revenueCents().toString());
        }
        MessageDigest sha = sha256();
        fields.updateDigest(sha);
        return Base64.getEncoder().withoutPadding().encodeToString(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
