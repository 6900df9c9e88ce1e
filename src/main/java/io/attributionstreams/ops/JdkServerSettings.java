package io.attributionstreams.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits the JDK's HTTP server enforces itself, which it takes from system properties, not from
 * its API. It reads them once, when the first server of the process is created, so they are set just
 * before that; a later server in the same process (tests, several instances in one JVM) keeps the
 * first one's. Past the two header limits the JDK closes the connection without a reply; the
 * {@link RequestLimits} filter answers 414 and 431 well below them.
 */
final class JdkServerSettings {
    private static final Logger LOG = LoggerFactory.getLogger(JdkServerSettings.class);
    /** Request line and headers, in bytes (the JDK's own default is 380 KiB). */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 100;

    private static Map<String, String> applied;

    private JdkServerSettings() {
    }

    /** The system properties for {@code limits}, as the JDK 17 server reads them. */
    static Map<String, String> properties(HttpLimits limits) {
        Map<String, String> p = new LinkedHashMap<>();
        // connections still sending their request line and headers after this are closed (slow clients)
        p.put("sun.net.httpserver.maxReqTime", Long.toString(limits.requestTimeout().toSeconds()));
        // connections whose response is not complete this long after the request's headers are closed
        p.put("sun.net.httpserver.maxRspTime", Long.toString(limits.responseTimeout().toSeconds()));
        p.put("sun.net.httpserver.idleInterval", Long.toString(limits.idleTimeout().toSeconds()));
        p.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES));
        p.put("sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_HEADERS));
        return p;
    }

    /** Sets the properties, if no server of this process has been created before. */
    static synchronized void apply(HttpLimits limits) {
        Map<String, String> wanted = properties(limits);
        if (applied == null) {
            wanted.forEach(System::setProperty);
            applied = wanted;
        } else if (!applied.equals(wanted)) {
            LOG.warn("the JDK's HTTP server reads its timeouts once per process: this server keeps the first "
                    + "server's {}", applied);
        }
    }
}
