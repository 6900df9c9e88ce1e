package io.attributionstreams.batch;

/** An input that cannot be read at all (missing folder or file, missing column): the run stops. */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
