package io.attributionstreams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JDK server's own request timeout is in force: a client that never finishes its headers (a slow
 * or stuck client, or one holding threads on purpose) loses its connection, so it cannot hold one of
 * the server's threads, which the health probes need, for longer. Every server of the test JVM runs
 * with the default timeouts, and the JDK reads them once: this checks that they were set in time.
 */
class RequestTimeoutTest {
    @Test
    void aConnectionThatNeverFinishesItsHeadersIsClosedAfterTheRequestTimeout() throws Exception {
        long timeout = HttpLimits.DEFAULT.requestTimeout().toMillis();
        try (OpsServer http = OpsServer.start(0, HttpLimits.DEFAULT, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> null); Socket socket = new Socket("localhost", http.port())) {
            // the JDK looks at open requests once a second: allow that and a generous margin
            socket.setSoTimeout((int) timeout + 5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long start = System.nanoTime();

            boolean closed = closedByServer(socket.getInputStream());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(closed).as("closed by the server, not still waiting after %d ms", took).isTrue();
            assertThat(took).isGreaterThanOrEqualTo(timeout - 1_000);
        }
    }

    /** True when the server closed the connection (end of stream or reset), false when the read timed out. */
    private static boolean closedByServer(InputStream in) throws Exception {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }
}
