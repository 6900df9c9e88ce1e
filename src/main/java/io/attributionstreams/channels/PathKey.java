package io.attributionstreams.channels;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.markov.Journey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of the path summary (docs/contract.md §15): a conversion type and the path its converted customers
 * took, the channels of their crediting touchpoints in order with consecutive repeats collapsed (the path
 * the {@code markov} model reads, {@link Journey}). Only the last {@link #MAX_STEPS} steps of a longer path
 * are kept ({@code truncated}): the steps nearest the conversion, and a bounded key however long a
 * customer's history.
 *
 * <p>As text, the steps are joined by {@code " > "}, each with {@code \} written {@code \\} and {@code >}
 * written {@code \>}, so that the text reads back into the same steps; a truncated path starts with
 * {@value #TRUNCATED}, which no escaped step can be.
 */
public final class PathKey implements Comparable<PathKey> {
    public static final int MAX_STEPS = 50;
    public static final String TRUNCATED = "\\…";
    private static final String SEPARATOR = " > ";

    private final ConversionType type;
    private final List<String> steps;
    private final boolean truncated;
    /**
     * Built once: the path rows sort by it, and sorting 180,000 of them (the 1M data set) had built or walked both
     * texts at every comparison, a second of the batch engine's one thread at the end (a flight recording).
     */
    private final String text;

    public PathKey(ConversionType type, List<String> steps, boolean truncated) {
        this.type = Objects.requireNonNull(type);
        this.steps = List.copyOf(steps);
        this.truncated = truncated;
        this.text = text(this.steps, truncated);
    }

    /** The row a converted journey with at least one step counts in; none for any other journey. */
    public static Optional<PathKey> of(Journey journey) {
        if (!journey.converted() || journey.channels().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(of(journey.type(), journey.channels()));
    }

    /** The row of a converted path of these collapsed steps (at least one), the last {@link #MAX_STEPS} kept. */
    public static PathKey of(ConversionType type, List<String> collapsed) {
        boolean truncated = collapsed.size() > MAX_STEPS;
        return new PathKey(type, truncated ? collapsed.subList(collapsed.size() - MAX_STEPS, collapsed.size())
                : collapsed, truncated);
    }

    public ConversionType type() {
        return type;
    }

    public List<String> steps() {
        return steps;
    }

    public boolean truncated() {
        return truncated;
    }

    /** The path as text: {@code google > email > tv}. */
    public String text() {
        return text;
    }

    private static String text(List<String> steps, boolean truncated) {
        StringBuilder text = new StringBuilder();
        if (truncated) {
            text.append(TRUNCATED);
        }
        for (String step : steps) {
            if (!text.isEmpty()) {
                text.append(SEPARATOR);
            }
            text.append(step.replace("\\", "\\\\").replace(">", "\\>"));
        }
        return text.toString();
    }

    /** The inverse of {@link #text}. */
    public static PathKey parse(ConversionType type, String text) {
        boolean truncated = text.startsWith(TRUNCATED);
        String rest = truncated ? text.substring(TRUNCATED.length()) : text;
        List<String> steps = new ArrayList<>();
        StringBuilder step = new StringBuilder();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\') {
                step.append(rest.charAt(++i));
            } else if (c == '>') {
                // an unescaped '>' is a separator's: the spaces around it are the separator's too
                steps.add(step.substring(0, step.length() - 1));
                step.setLength(0);
                i++;
            } else {
                step.append(c);
            }
        }
        steps.add(step.toString());
        if (truncated) {
            steps.remove(0); // the empty text before the marker's separator
        }
        return new PathKey(type, steps, truncated);
    }

    /** By type, then by text: the order of the path summary's rows (then no steps before one empty step). */
    @Override
    public int compareTo(PathKey other) {
        int byType = type.name().compareTo(other.type.name());
        if (byType != 0) {
            return byType;
        }
        int byText = text.compareTo(other.text);
        return byText != 0 ? byText : Integer.compare(steps.size(), other.steps.size());
    }

    /**
     * Equal steps and truncation: the text reads back into the steps it was written from (escapes, and a mark no
     * escaped step can spell), save for leading empty steps, which write nothing and which the count tells apart.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PathKey other && type == other.type && steps.size() == other.steps.size()
                && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return "PathKey[" + type + ", " + text + "]";
    }
}
