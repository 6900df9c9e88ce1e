package io.attributionstreams.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

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
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnreachableException(bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException(bootstrapServers, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }
}
