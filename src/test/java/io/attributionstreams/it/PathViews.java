package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attributionstreams.channels.PathKey;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.conversion.ConversionType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The path summary as {@code /paths} answers it and as the dashboard's "Paths to conversion" panel shows it
 * (read in the page with {@link #PATH_TABLE}), held to the batch engine's {@code paths.csv}: batch's rows ranked
 * as the endpoint ranks them (most conversions, then most revenue, then type and path text).
 */
final class PathViews {
    private PathViews() {
    }

    /** The page's rows before "show more". */
    static final int TOP_ROWS = 10;
    /** The rows the page asks for, shown after "show more". */
    static final int MORE_ROWS = 50;

    static final String PATH_TABLE = "JSON.stringify({"
            + "state: document.getElementById('path-table').dataset.state,"
            + "type: document.getElementById('path-table').dataset.type || null,"
            + "subtitle: document.querySelector('#paths .panel-head').textContent.replace(/\\s+/g, ' '),"
            + "note: document.getElementById('paths-note').hidden ? null"
            + " : document.getElementById('paths-note').textContent,"
            + "more: document.getElementById('paths-more').hidden ? null"
            + " : document.getElementById('paths-more').textContent,"
            + "rows: [...document.querySelectorAll('#path-rows tr')].map(tr => ({path: tr.dataset.path,"
            + " rank: tr.dataset.rank, folded: tr.classList.contains('folded'), shown: tr.offsetParent !== null,"
            + " ellipsis: tr.querySelector('[data-field=ellipsis]') !== null,"
            + " steps: [...tr.querySelectorAll('[data-field=step]')].map(s => s.textContent),"
            + " conversions: tr.querySelector('[data-field=conversions]').textContent,"
            + " revenue: tr.querySelector('[data-field=revenue]').textContent,"
            + " perConversion: tr.querySelector('[data-field=per_conversion]').textContent}))})";

    /** Presses the panel's "show more" (or "show the top 10") button, as a user would. */
    static final String PRESS_MORE = "document.getElementById('paths-more').click(); true";

    /** A row of batch's {@code paths.csv}. */
    record BatchPath(String type, String path, long conversions, String revenue) {
        long cents() {
            return new BigDecimal(revenue).movePointRight(2).longValueExact();
        }
    }

    /** The endpoint's order: most conversions, then most revenue, then type and path text. */
    static final Comparator<BatchPath> RANK = Comparator.comparingLong(BatchPath::conversions).reversed()
            .thenComparing(Comparator.comparingLong(BatchPath::cents).reversed())
            .thenComparing(BatchPath::type)
            .thenComparing(BatchPath::path);

    /** Batch's rows (all types, or one), ranked. */
    static List<BatchPath> ranked(List<Map<String, String>> batchPaths, String type) {
        return batchPaths.stream()
                .map(r -> new BatchPath(r.get("conversion_type"), r.get("path"), Long.parseLong(r.get("conversions")),
                        r.get("revenue")))
                .filter(p -> type == null || p.type().equals(type))
                .sorted(RANK).toList();
    }

    /** The answer's rows are batch's top rows, in batch's ranking, each a whole record of its path. */
    static void assertAnswerIsTheTop(List<PathTotalRecord> answer, List<BatchPath> ranked, int limit) {
        List<BatchPath> expected = ranked.subList(0, Math.min(limit, ranked.size()));
        assertThat(answer.stream().map(p -> new BatchPath(p.conversionType(), p.path(), p.conversions(), p.revenue()))
                .toList()).as("the top %d of batch's %d paths, in its ranking", limit, ranked.size())
                .isNotEmpty().containsExactlyElementsOf(expected);
        for (PathTotalRecord p : answer) {
            PathKey key = PathKey.parse(ConversionType.valueOf(p.conversionType()), p.path());
            assertThat(p.steps()).as(p.path()).isEqualTo(key.steps());
            assertThat(p.truncated()).as(p.path()).isEqualTo(key.truncated());
            assertThat(p.revenueCents().longValueExact()).isEqualTo(new BigDecimal(p.revenue()).movePointRight(2)
                    .longValueExact());
        }
    }

    /**
     * The panel shows the type's top {@value #MORE_ROWS} paths as batch ranks them, the first {@value #TOP_ROWS}
     * until "show more" (or all of them, {@code unfolded}): each as its steps (an ellipsis first when truncated),
     * with batch's conversions and revenue, and the revenue per conversion rounded half up to the cent.
     */
    static void assertPanelShows(JsonNode panel, String type, List<Map<String, String>> batchPaths, boolean unfolded) {
        List<BatchPath> ranked = ranked(batchPaths, type);
        List<BatchPath> expected = ranked.subList(0, Math.min(MORE_ROWS, ranked.size()));
        assertThat(panel.get("subtitle").asText()).as("paths have no model: the panel says so")
                .contains("for " + type, "The same for every model");
        List<BatchPath> shown = new ArrayList<>();
        for (JsonNode row : panel.get("rows")) {
            BatchPath path = new BatchPath(type, row.get("path").asText(), Long.parseLong(row.get("conversions").asText()),
                    row.get("revenue").asText());
            shown.add(path);
            PathKey key = PathKey.parse(ConversionType.valueOf(type), path.path());
            List<String> steps = new ArrayList<>();
            row.get("steps").forEach(s -> steps.add(s.asText()));
            assertThat(steps).as("the steps of %s", path.path()).isNotEmpty().isEqualTo(key.steps());
            assertThat(row.get("ellipsis").asBoolean()).as("an ellipsis first: %s", path.path()).isEqualTo(key.truncated());
            assertThat(row.get("perConversion").asText()).as("revenue per conversion of %s", path.path())
                    .isEqualTo(new BigDecimal(path.revenue()).divide(BigDecimal.valueOf(path.conversions()), 2,
                            RoundingMode.HALF_UP).toPlainString());
        }
        assertThat(shown).as("the top paths of %s as batch ranks them (of %d)", type, ranked.size())
                .isNotEmpty().containsExactlyElementsOf(expected);
        List<Boolean> hidden = new ArrayList<>();
        panel.get("rows").forEach(row -> {
            assertThat(row.get("shown").asBoolean()).isEqualTo(!row.get("folded").asBoolean());
            hidden.add(row.get("folded").asBoolean());
        });
        assertThat(hidden).as("the top %d rows shown, the rest behind 'show more'", TOP_ROWS)
                .containsExactlyElementsOf(IntStream.range(0, expected.size())
                        .mapToObj(i -> !unfolded && i >= TOP_ROWS).toList());
        assertThat(panel.get("note").isNull()).as("paths to show: no empty note").isTrue();
    }
}
