package io.attributionstreams.channels;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.markov.Journey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
public record PathKey(ConversionType type, List<String> steps, boolean truncated) implements Comparable<PathKey> {
    public static final int MAX_STEPS = 50;
    public static final String TRUNCATED = "\\…";
    private static final String SEPARATOR = " > ";
    private static final Comparator<PathKey> ORDER = Comparator
            .comparing((PathKey k) -> k.type().name())
            .thenComparing(PathKey::compareTexts);

    public PathKey {
        steps = List.copyOf(steps);
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

    /** The path as text: {@code google > email > tv}. */
    public String text() {
        // one definition of the text's escapes and separators: the cursor that comparisons read too
        StringBuilder text = new StringBuilder();
        TextCursor cursor = new TextCursor(this);
        for (int c = cursor.next(); c >= 0; c = cursor.next()) {
            text.append((char) c);
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

    @Override
    public int compareTo(PathKey other) {
        return ORDER.compare(this, other);
    }

    /**
     * {@code a.text().compareTo(b.text())}, without building either text: sorting the path rows compared keys
     * some twenty times each, and building their texts for it was a tenth of the batch engine's time, on its
     * one thread at the end (a flight recording of {@code batch} on the 1M data set).
     */
    private static int compareTexts(PathKey a, PathKey b) {
        TextCursor x = new TextCursor(a);
        TextCursor y = new TextCursor(b);
        while (true) {
            int cx = x.next();
            int cy = y.next();
            if (cx != cy) {
                // the end (-1) comes before any character, as a prefix comes first in String order
                return Integer.compare(cx, cy);
            }
            if (cx < 0) {
                return 0;
            }
        }
    }

    /**
     * The characters of the text one by one: the truncation mark, then the steps with {@code \\} and {@code >}
     * escaped, {@value #SEPARATOR} before a step once anything has been written; -1 at the end.
     */
    private static final class TextCursor {
        private final PathKey key;
        private String pending;
        private int pendingAt;
        private int step = -1;
        private int at;
        private char escaped = 0;
        /** Whether any character came yet: a separator comes only after something. */
        private boolean any;

        TextCursor(PathKey key) {
            this.key = key;
            this.pending = key.truncated ? TRUNCATED : "";
        }

        int next() {
            int c = advance();
            any |= c >= 0;
            return c;
        }

        private int advance() {
            while (true) {
                if (pendingAt < pending.length()) {
                    return pending.charAt(pendingAt++);
                }
                if (escaped != 0) {
                    char c = escaped;
                    escaped = 0;
                    return c;
                }
                if (step >= 0 && at < key.steps.get(step).length()) {
                    char c = key.steps.get(step).charAt(at++);
                    if (c == '\\' || c == '>') {
                        escaped = c;
                        return '\\';
                    }
                    return c;
                }
                if (step + 1 >= key.steps.size()) {
                    return -1;
                }
                // as text() writes it: a separator before a step once anything has been written
                step++;
                at = 0;
                pendingAt = 0;
                pending = any ? SEPARATOR : "";
            }
        }
    }
}
