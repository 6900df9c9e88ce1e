package io.attributionstreams.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Asks the cluster for its id before a command does real work, so that a broker that is not there
 * ends the command with one line within seconds instead of a minute of client retries.
 *
 * <p>The admin client's id is {@link #CLIENT_ID}; log4j2.xml drops Kafka log events that carry it,
 * so its connection warnings while it retries do not reach the terminal.
 */
public final class BrokerCheck {
    /** The admin client's id; log4j2.xml filters Kafka's log events that name it. */
    public static final String CLIENT_ID = "attribution-broker-check";
    static final int TIMEOUT_MS = 8_000;

    private BrokerCheck() {
    }

    /** Nobody answered at the bootstrap address in time. */
    public static final class BrokerUnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BrokerUnreachableException(String bootstrapServers, Throwable cause) {
            super("no Kafka broker answers at " + bootstrapServers + " (is it running? see docs/operations.md)", cause);
        }
    }

    /**
     * A broker answered but refused the client: a wrong password or user, a certificate it does not
     * trust, or a TLS handshake that failed. Said in one line, at once, instead of retries.
     */
    public static final class BrokerRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokerRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @see #require(KafkaClients) */
    public static String require(String bootstrapServers) {
        return require(KafkaClients.of(bootstrapServers));
    }

    /**
     * @return the cluster id
     * @throws BrokerUnreachableException when no broker answers within about {@value #TIMEOUT_MS} ms
     */
    public static String require(KafkaClients clients) {
        String bootstrapServers = clients.bootstrapServers();
        Map<String, Object> config = clients.admin();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, TIMEOUT_MS / 2);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, TIMEOUT_MS / 2);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) { // e.g. no resolvable bootstrap address
            throw new BrokerUnreachableException(bootstrapServers, e);
        }
        try {
            return admin.describeCluster().clusterId().get(TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            java.util.Optional<BrokerRefusedException> refused = refusal(clients, e.getCause());
            if (refused.isPresent()) {
                throw refused.get();
            }
            throw new BrokerUnreachableException(bootstrapServers, e);
        } catch (TimeoutException e) {
            throw new BrokerUnreachableException(bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException(bootstrapServers, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** The refusal behind a failed call, if a broker refused the client rather than not answering. */
    static java.util.Optional<BrokerRefusedException> refusal(KafkaClients clients, Throwable cause) {
        String where = clients.bootstrapServers() + " (" + clients.securityProtocol() + ")";
        if (cause instanceof SaslAuthenticationException) {
            return java.util.Optional.of(new BrokerRefusedException("the broker at " + where + " refused the "
                    + "credentials: " + firstLine(cause) + "; check sasl.mechanism and sasl.jaas.config", cause));
        }
        if (cause instanceof SslAuthenticationException) {
            return java.util.Optional.of(new BrokerRefusedException("the TLS handshake with the broker at " + where
                    + " failed: " + firstLine(deepest(cause)) + "; check the ssl.truststore.* (and for mutual TLS the "
                    + "ssl.keystore.*) settings", cause));
        }
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
            return java.util.Optional.of(new BrokerRefusedException("the broker at " + where + " refused the client: "
                    + firstLine(cause), cause));
        }
        return java.util.Optional.empty();
    }

    private static Throwable deepest(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
