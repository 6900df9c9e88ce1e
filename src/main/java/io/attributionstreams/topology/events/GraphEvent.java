package io.attributionstreams.topology.events;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import java.util.List;

/**
 * What flows between the steps of the identity graph, on the two internal topics
 * {@code by-identifier} and {@code by-customer}. One envelope with a kind, so one serde and one
 * schema serve every hop; fields a kind does not use are absent.
 *
 * <p>Every event carries the revision of the fact it came from, so a step that receives events
 * about one fact over different paths keeps the newest and ignores older ones.
 */
public record GraphEvent(
        Kind kind,
        String customerId,
        String factId,
        String via,
        long revision,
        Boolean exists,
        Interaction interaction,
        List<Link> links,
        Appointment appointment,
        Payment payment,
        Long claimants) {

    /** The kinds, with the key each travels under. */
    public enum Kind {
        /** key identifier: a customer now claims it. */
        CLAIM,
        /** key identifier: a customer no longer claims it. */
        UNCLAIM,
        /** key identifier: an interaction carries it (new or changed payload). */
        ATTACH,
        /** key identifier: an interaction no longer carries it. */
        DETACH,
        /** key customer id: the customer exists, or was deleted. */
        STATUS,
        /** key customer id: interactions reach the customer through {@code via}. */
        LINK,
        /** key customer id: interactions no longer reach the customer through {@code via}. */
        UNLINK,
        /** key customer id: an appointment of the customer, or its retraction (no appointment). */
        APPOINTMENT,
        /** key customer id: a payment of the customer, or its retraction (no payment). */
        PAYMENT,
        /**
         * key the identifier's pseudonym: it is capped ({@code claimants} customers claim it, more than
         * the cap), or no longer (0 claimants given: a tombstone on {@code attribution-identity-capped}).
         */
        CAPPED;

        public boolean keyedByIdentifier() {
            return this == CLAIM || this == UNCLAIM || this == ATTACH || this == DETACH;
        }
    }

    /**
     * An interaction reaching (or, without its payload, leaving) a customer, at the revision the
     * identity step holds.
     */
    public record Link(String interactionId, long revision, Interaction interaction) {
        public static Link to(Interaction interaction, long revision) {
            return new Link(interaction.interactionId(), revision, interaction);
        }

        public static Link away(String interactionId, long revision) {
            return new Link(interactionId, revision, null);
        }
    }

    public static GraphEvent claim(String customerId, boolean claimed, long revision) {
        return new GraphEvent(claimed ? Kind.CLAIM : Kind.UNCLAIM, customerId, null, null, revision, null, null, null,
                null, null, null);
    }

    public static GraphEvent attach(Interaction interaction, long revision) {
        return new GraphEvent(Kind.ATTACH, null, interaction.interactionId(), null, revision, null, interaction, null,
                null, null, null);
    }

    public static GraphEvent detach(String interactionId, long revision) {
        return new GraphEvent(Kind.DETACH, null, interactionId, null, revision, null, null, null, null, null, null);
    }

    public static GraphEvent status(String customerId, boolean exists, long revision) {
        return new GraphEvent(Kind.STATUS, customerId, customerId, null, revision, exists, null, null, null, null, null);
    }

    public static GraphEvent link(String customerId, String via, List<Link> links) {
        return new GraphEvent(Kind.LINK, customerId, null, via, 0, null, null, List.copyOf(links), null, null, null);
    }

    public static GraphEvent unlink(String customerId, String via, List<Link> links) {
        return new GraphEvent(Kind.UNLINK, customerId, null, via, 0, null, null, List.copyOf(links), null, null, null);
    }

    /**
     * @param pseudonym the capped identifier's pseudonym (its spelling without the kind's prefix)
     * @param claimants how many customers claim it; 0 when it is no longer capped
     */
    public static GraphEvent capped(String pseudonym, long claimants) {
        return new GraphEvent(Kind.CAPPED, null, pseudonym, null, 0, null, null, null, null, null,
                claimants);
    }

    /** @param appointment null to retract it from this customer */
    public static GraphEvent appointment(String customerId, String appointmentId, Appointment appointment, long revision) {
        return new GraphEvent(Kind.APPOINTMENT, customerId, appointmentId, null, revision, null, null, null,
                appointment, null, null);
    }

    /** @param payment null to retract it from this customer */
    public static GraphEvent payment(String customerId, String paymentId, Payment payment, long revision) {
        return new GraphEvent(Kind.PAYMENT, customerId, paymentId, null, revision, null, null, null, null, payment, null);
    }
}
