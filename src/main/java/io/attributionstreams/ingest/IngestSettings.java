package io.attributionstreams.ingest;

import io.attributionstreams.webhook.WebhookAdapter;
import java.time.Duration;
import java.util.Map;

/**
 * What the webhook ingest takes, and how: the sources configured (a source with no secret is not served, so
 * nothing is ever accepted unsigned), the public URL the senders call (Twilio signs it), the body size limit,
 * how long a request waits for the broker's acknowledgement, and the threads that wait.
 *
 * @param sources adapters by source name ({@code callrail}, {@code twilio}, {@code typeform}, {@code json})
 * @param publicUrl scheme, host and port the senders call, e.g. {@code https://hooks.example.com}; null to
 *     rebuild it from the request ({@code X-Forwarded-Proto}, {@code X-Forwarded-Host}, {@code Host})
 */
public record IngestSettings(Map<String, WebhookAdapter> sources, String publicUrl, long maxBytes, Duration timeout,
        int threads) {
    public static final long DEFAULT_MAX_BYTES = 256 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_THREADS = 4;

    public IngestSettings {
        sources = Map.copyOf(sources);
        if (publicUrl != null) {
            publicUrl = publicUrl.strip().replaceAll("/+$", "");
            if (!publicUrl.matches("(?i)https?://[^/?#]+")) {
                throw new IllegalArgumentException("attribution.ingest.public-url must be a scheme and host (and port), "
                        + "like https://hooks.example.com, not '" + publicUrl + "'");
            }
        }
        if (maxBytes < 1024 || maxBytes > 16L << 20) {
            throw new IllegalArgumentException("attribution.ingest.max-bytes must be from 1024 to 16777216, got "
                    + maxBytes);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("attribution.ingest.timeout must be positive, got " + timeout);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("attribution.ingest.threads must be at least 1, got " + threads);
        }
    }

    public boolean enabled() {
        return !sources.isEmpty();
    }
}
