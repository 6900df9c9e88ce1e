package io.attributionstreams.query;

import java.io.IOException;

/**
 * Asks another instance of the application, over its HTTP port, for what it holds. A forwarded
 * request carries {@link #FORWARDED_BY}, and an instance never forwards such a request again: if the
 * key moved in between, it answers 503 and the client retries, rather than requests bouncing around.
 */
@FunctionalInterface
public interface Forwarding {
    /** Names the instance that forwarded a request, with a MAC that proves it ({@link ForwardingSignature}). */
    String FORWARDED_BY = "X-Attribution-Forwarded-By";
    /** Names the instance ({@code application.server}) that computed a reply from its own stores. */
    String INSTANCE = "X-Attribution-Instance";
    /** Names the instance that received the client's request and forwarded it. */
    String VIA = "X-Attribution-Via";
    /** Present (value {@code true}) on a reply read from a standby copy while the active owner is unreachable. */
    String STALE = "X-Attribution-Stale";

    /**
     * GET {@code pathAndQuery} from {@code instance} ({@code host:port}) with {@link #FORWARDED_BY}
     * naming {@code self}, signed; the owner's reply as it came (status, body, {@link #INSTANCE}).
     *
     * @throws IOException when the instance cannot be reached or does not answer in time
     */
    Reply get(String instance, String pathAndQuery, String self) throws IOException;
}
