package io.attributionstreams.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator dashboard, {@code deploy/grafana/dashboards/attribution-streams.json}, read the way
 * the tests need it: its panels' PromQL queries and the metric names those queries select.
 */
public final class GrafanaDashboard {
    public static final Path FILE = Path.of("deploy/grafana/dashboards/attribution-streams.json");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GROUPING_LABELS = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    /** One label matcher of a selector: {@code topic="x"}, {@code client_id=~".+-consumer"}. */
    public record LabelMatcher(String label, String operator, String value) {
        /** PromQL regular expressions are anchored at both ends, as {@link String#matches} is. */
        boolean test(Map<String, String> labels) {
            String actual = labels.getOrDefault(label, "");
            return switch (operator) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> actual.matches(value);
                default -> !actual.matches(value);
            };
        }
    }

    /** A metric with label matchers, as written in a query: {@code jvm_memory_used_bytes{area="heap"}}. */
    public record Selector(String metric, List<LabelMatcher> matchers) {
        public boolean matches(Map<String, String> labels) {
            return matchers.stream().allMatch(m -> m.test(labels));
        }
    }

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    public static GrafanaDashboard read() throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(FILE.toFile()));
    }

    public JsonNode json() {
        return root;
    }

    /** Every panel, rows' nested panels included. */
    public List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        collectPanels(root.path("panels"), panels);
        return panels;
    }

    private static void collectPanels(JsonNode array, List<JsonNode> into) {
        for (JsonNode panel : array) {
            into.add(panel);
            collectPanels(panel.path("panels"), into);
        }
    }

    /** The PromQL of every query target of every panel. */
    public List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(target -> {
                if (target.hasNonNull("expr")) {
                    exprs.add(target.get("expr").asText());
                }
            });
        }
        return exprs;
    }

    /** The metric names the dashboard's queries select, as the series are named in a scrape. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(expr -> names.addAll(metricNames(expr)));
        return names;
    }

    /**
     * The metric names in one PromQL expression: what is left once strings, label matchers, range
     * selectors, grouping clauses and Grafana variables are gone, minus function names (followed by
     * a parenthesis), keywords and numbers.
     */
    public static Set<String> metricNames(String expr) {
        String bare = STRING.matcher(expr).replaceAll(" ");
        bare = LABEL_MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        bare = VARIABLE.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            boolean function = bare.substring(m.end()).stripLeading().startsWith("(");
            boolean partOfNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !partOfNumber && !KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    /** The selectors with label matchers in one PromQL expression. */
    public static List<Selector> selectors(String expr) {
        List<Selector> selectors = new ArrayList<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            List<LabelMatcher> matchers = new ArrayList<>();
            Matcher l = MATCHER.matcher(m.group(2));
            while (l.find()) {
                matchers.add(new LabelMatcher(l.group(1), l.group(2), l.group(3).replace("\\\\", "\\")));
            }
            selectors.add(new Selector(m.group(1), matchers));
        }
        return selectors;
    }

    /** The labels of the {@code by (...)} and {@code without (...)} clauses of one PromQL expression. */
    public static Set<String> groupingLabels(String expr) {
        Set<String> labels = new TreeSet<>();
        Matcher m = GROUPING_LABELS.matcher(expr);
        while (m.find()) {
            for (String label : m.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }
}
