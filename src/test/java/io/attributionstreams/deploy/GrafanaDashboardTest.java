package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator dashboard: well-formed panels, a query for each thing issue 7 asks operators to see,
 * and the metric-name reading that {@code MetricsIT} holds against a real {@code /metrics} page.
 */
class GrafanaDashboardTest {

    @Test
    void metricNamesAreReadFromPromQlWithoutFunctionsLabelsRangesOrGroupings() {
        assertThat(GrafanaDashboard.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(attribution_update_latency_seconds_bucket[$__rate_interval])))"))
                .containsExactly("attribution_update_latency_seconds_bucket");
        assertThat(GrafanaDashboard.metricNames(
                "sum(rate(a_sum[5m])) by (type) / sum without (instance) (rate(a_count{model=\"x\", type=~\"y|z\"}[1h] offset 5m))"))
                .containsExactly("a_count", "a_sum");
        assertThat(GrafanaDashboard.metricNames(
                "max(kafka_consumer_fetch_manager_records_lag_max{client_id=~\".+-StreamThread-[0-9]+-consumer\"}) > bool 1e3"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(GrafanaDashboard.metricNames("up and on (job) group_left (version) build_info or vector(0)"))
                .containsExactly("build_info", "up");
    }

    @Test
    void selectorsAndGroupingLabelsAreReadFromPromQl() {
        String expr = "sum by (topic, partition) (lag{client_id=~\".+-StreamThread-[0-9]+-consumer\", topic!=\"x\"})"
                + " / ignoring (le) count without (instance) (b)";
        List<GrafanaDashboard.Selector> selectors = GrafanaDashboard.selectors(expr);
        assertThat(selectors).hasSize(1);
        GrafanaDashboard.Selector lag = selectors.get(0);
        assertThat(lag.metric()).isEqualTo("lag");
        assertThat(lag.matches(Map.of("client_id", "app-1f-StreamThread-2-consumer", "topic", "customers"))).isTrue();
        assertThat(lag.matches(Map.of("client_id", "app-1f-StateUpdater-1-restore-consumer"))).isFalse();
        assertThat(lag.matches(Map.of("client_id", "app-1f-StreamThread-2-consumer", "topic", "x"))).isFalse();
        assertThat(GrafanaDashboard.groupingLabels(expr)).containsExactly("instance", "partition", "topic");
    }

    @Test
    void panelsHaveUniqueIdsAndEveryQueryARefIdAndAnExpression() throws IOException {
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        assertThat(dashboard.json().path("uid").asText()).isEqualTo("attribution-streams");
        List<Integer> ids = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            ids.add(panel.path("id").asInt());
            assertThat(panel.path("gridPos").path("w").asInt()).as(panel.path("title").asText()).isPositive();
            panel.path("targets").forEach(target -> {
                assertThat(target.path("refId").asText()).isNotBlank();
                assertThat(target.path("expr").asText()).isNotBlank();
            });
        }
        assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
    }

    @Test
    void showsThroughputLagLatencyDeadLettersFanOutAnswersAndStoreSizes() throws IOException {
        assertThat(GrafanaDashboard.read().metricNames()).contains(
                "attribution_facts_in_total",
                "kafka_consumer_fetch_manager_records_lag",
                "attribution_update_latency_seconds_bucket",
                "attribution_dlq_records_total",
                "attribution_identity_fanout",
                "attribution_identity_hot_total",
                "attribution_updates_total",
                "attribution_restatements_total",
                "attribution_tombstones_total",
                "attribution_customer_touchpoints",
                "attribution_store_entries");
    }
}
