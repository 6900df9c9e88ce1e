package io.attributionstreams.webhook;

import java.util.List;

/** One sender's webhooks: how they are signed, and the facts they carry. */
public interface WebhookAdapter {

    /** Passes when the request is signed (or authenticated) as this sender signs; else {@link WebhookRejected} 401. */
    void authenticate(WebhookRequest request);

    /**
     * The facts of an authenticated request; none for a webhook the sender sends that carries no fact yet (a
     * call still ringing); {@link WebhookRejected} 400 with the reason for one that cannot be mapped.
     */
    List<IngestedFact> facts(WebhookRequest request);

    /** The answer a sender expects to an accepted webhook, when it expects its own; empty for the usual JSON. */
    default java.util.Optional<Acknowledgement> acknowledgement() {
        return java.util.Optional.empty();
    }

    /** A body of this content type. */
    record Acknowledgement(String contentType, String body) {
    }
}
