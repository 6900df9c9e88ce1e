package io.attributionstreams.webhook;

/**
 * Why a webhook is refused, as the HTTP status the sender gets and a reason that names no personal data:
 * 401 for a missing or wrong signature, 400 for a payload the adapter cannot map, 404 for a source this
 * deployment does not take.
 */
public final class WebhookRejected extends RuntimeException {
    private final int status;

    private WebhookRejected(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public static WebhookRejected unauthorized(String reason) {
        return new WebhookRejected(401, reason);
    }

    public static WebhookRejected badRequest(String reason) {
        return new WebhookRejected(400, reason);
    }

    public static WebhookRejected notFound(String reason) {
        return new WebhookRejected(404, reason);
    }

    public int status() {
        return status;
    }
}
