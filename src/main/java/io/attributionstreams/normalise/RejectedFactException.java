package io.attributionstreams.normalise;

/**
 * A fact that cannot be used: the message is the reason written to {@code rejects.csv} or to the
 * dead-letter topic. It never contains a phone number or an email address.
 */
public final class RejectedFactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RejectedFactException(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
