package io.attributionstreams.webhook;

import java.util.List;

/** One sender's webhooks: how they are signed, and the facts they carry. */
public interface WebhookAdapter {

    /** Passes when the request is signed (or authenticated) as this sender signs; else {@link WebhookRejected} 401. */
    void authenticate(WebhookRequest request);

    /** The facts of an authenticated request, at least one; else {@link WebhookRejected} 400 with the reason. */
    List<IngestedFact> facts(WebhookRequest request);
}
