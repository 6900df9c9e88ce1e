package io.attributionstreams.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.app.AppConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP limits from the configuration, what they refuse, and the JDK server properties they become. */
class HttpLimitsTest {
    private static HttpLimits limits(int queryThreads, int customers, int channels, Duration responseTimeout) {
        return new HttpLimits(4, queryThreads, 32, customers, channels, 6, Duration.ofSeconds(5), responseTimeout,
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    @Test
    void theConfigurationsDefaultsAreTheDefaultLimitsAndEachKeyOverridesItsOwn() {
        AppConfig defaults = AppConfig.load(null, Map.of(), Map.of());
        AppConfig set = AppConfig.load(null, Map.of("ATTRIBUTION_HTTP_QUERY_THREADS", "12",
                "ATTRIBUTION_HTTP_LIVE_FEEDS_LIMIT", "2"), Map.of(AppConfig.HTTP_FORWARD_TIMEOUT, "PT1.5S"));

        assertThat(defaults.httpLimits()).isEqualTo(HttpLimits.DEFAULT);
        assertThat(set.httpLimits().queryThreads()).isEqualTo(12);
        assertThat(set.httpLimits().liveFeeds()).isEqualTo(2);
        assertThat(set.httpLimits().forwardTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(set.httpLimits().customerQueries()).isEqualTo(HttpLimits.DEFAULT.customerQueries());
    }

    @Test
    void theTotalsLimitIsStillReadUnderItsOldNameAndTheNewNameWins() {
        assertThat(AppConfig.load(null, Map.of("ATTRIBUTION_HTTP_QUERY_CHANNELS_LIMIT", "3"), Map.of())
                .httpLimits().channelQueries()).isEqualTo(3);
        assertThat(AppConfig.load(null, Map.of(), Map.of("attribution.http.query.channels.limit", "1"))
                .httpLimits().channelQueries()).isEqualTo(1);
        assertThat(AppConfig.load(null, Map.of(), Map.of("attribution.http.query.channels.limit", "1",
                AppConfig.HTTP_TOTALS_LIMIT, "3")).httpLimits().channelQueries()).isEqualTo(3);
        // a higher layer's old name still overrides a lower layer's new one
        assertThat(AppConfig.load(null, Map.of("ATTRIBUTION_HTTP_QUERY_TOTALS_LIMIT", "3"),
                Map.of("attribution.http.query.channels.limit", "1")).httpLimits().channelQueries()).isEqualTo(1);
        assertThat(HttpLimits.DEFAULT.channelQueries()).isNotIn(1, 3);
    }

    @Test
    void thePerEndpointLimitsMustLeaveAQueryThreadForForwardedRequests() {
        assertThat(limits(7, 4, 2, Duration.ofMinutes(5)).queryThreads()).isEqualTo(7);
        assertThatThrownBy(() -> limits(6, 4, 2, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be fewer than the query threads");
        assertThatThrownBy(() -> AppConfig.load(null, Map.of("ATTRIBUTION_HTTP_QUERY_THREADS", "6"), Map.of()).httpLimits())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("attribution.http.*: ");
    }

    @Test
    void timeoutsTheJdkCountsInSecondsMustBeWholeSecondsAndLeaveTheLiveFeedItsMargin() {
        assertThatThrownBy(() -> limits(8, 4, 2, Duration.ofMillis(60_500))).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> limits(8, 4, 2, Duration.ofSeconds(9))).hasMessageContaining("at least PT10S");
        assertThat(limits(8, 4, 2, Duration.ofSeconds(60)).liveFeedLifetime()).isEqualTo(Duration.ofSeconds(55));
    }

    @Test
    void theJdkServerPropertiesCarryTheTimeoutsInSeconds() {
        assertThat(JdkServerSettings.properties(HttpLimits.DEFAULT)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sun.net.httpserver.maxReqTime", "5",
                "sun.net.httpserver.maxRspTime", "300",
                "sun.net.httpserver.idleInterval", "30",
                "sun.net.httpserver.maxReqHeaderSize", "65536",
                "sun.net.httpserver.maxReqHeaders", "100"));
    }
}
