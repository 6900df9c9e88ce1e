package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The path transforms of docs/contract.md §13, after Snowplow's attribution package: applied in order
 * to a conversion's crediting touchpoints (ordered, after the lookback) before any model sees them.
 * Touchpoints a transform drops earn nothing. Channels compare exactly.
 */
public record PathTransforms(List<Step> steps) {
    public static final PathTransforms NONE = new PathTransforms(List.of());

    /** The transforms' names, as options and the configuration write them. */
    public enum Kind {
        EXPOSURE("exposure", false),
        FIRST("first", false),
        REMOVE_IF_NOT_ALL("remove_if_not_all", true),
        REMOVE_IF_LAST_AND_NOT_ALL("remove_if_last_and_not_all", true);

        private final String label;
        private final boolean takesChannel;

        Kind(String label, boolean takesChannel) {
            this.label = label;
            this.takesChannel = takesChannel;
        }

        public String label() {
            return label;
        }
    }

    /** One transform; {@code channel} is null for those that take none. */
    public record Step(Kind kind, String channel) {
        @Override
        public String toString() {
            return kind.takesChannel ? kind.label + ':' + channel : kind.label;
        }
    }

    public PathTransforms {
        steps = List.copyOf(steps);
    }

    /**
     * @param text comma-separated, such as {@code exposure,remove_if_not_all:tv}; blank for none
     * @throws IllegalArgumentException naming the transform that is unknown or lacks its channel
     */
    public static PathTransforms parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            String word = part.strip();
            if (word.isEmpty()) {
                continue;
            }
            int colon = word.indexOf(':');
            String name = (colon < 0 ? word : word.substring(0, colon)).toLowerCase(Locale.ROOT);
            String channel = colon < 0 ? null : word.substring(colon + 1);
            Kind kind = Arrays.stream(Kind.values()).filter(k -> k.label.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown path transform '" + word + "' (known: "
                            + "exposure, first, remove_if_not_all:CHANNEL, remove_if_last_and_not_all:CHANNEL)"));
            if (kind.takesChannel && (channel == null || channel.isEmpty())) {
                throw new IllegalArgumentException("path transform " + kind.label + " needs a channel, as in "
                        + kind.label + ":tv");
            }
            if (!kind.takesChannel && channel != null) {
                throw new IllegalArgumentException("path transform " + kind.label + " takes no channel, got '"
                        + word + "'");
            }
            steps.add(new Step(kind, channel));
        }
        return new PathTransforms(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The touchpoints that remain, in the order given; the list itself when there are no transforms. */
    public List<Interaction> apply(List<Interaction> ordered) {
        List<Interaction> path = ordered;
        for (Step step : steps) {
            path = switch (step.kind()) {
                case EXPOSURE -> exposure(path);
                case FIRST -> firstOfEachChannel(path);
                case REMOVE_IF_NOT_ALL -> allOn(path, step.channel()) ? path
                        : path.stream().filter(t -> !t.channel().equals(step.channel())).toList();
                case REMOVE_IF_LAST_AND_NOT_ALL -> allOn(path, step.channel()) ? path
                        : withoutTrailingRun(path, step.channel());
            };
        }
        return path;
    }

    /** The first touchpoint of each run of consecutive touchpoints on one channel. */
    private static List<Interaction> exposure(List<Interaction> path) {
        List<Interaction> kept = new ArrayList<>(path.size());
        String previous = null;
        for (Interaction t : path) {
            if (!t.channel().equals(previous)) {
                kept.add(t);
            }
            previous = t.channel();
        }
        return kept;
    }

    private static List<Interaction> firstOfEachChannel(List<Interaction> path) {
        Set<String> seen = new HashSet<>();
        return path.stream().filter(t -> seen.add(t.channel())).toList();
    }

    private static boolean allOn(List<Interaction> path, String channel) {
        return path.stream().allMatch(t -> t.channel().equals(channel));
    }

    private static List<Interaction> withoutTrailingRun(List<Interaction> path, String channel) {
        int end = path.size();
        while (end > 0 && path.get(end - 1).channel().equals(channel)) {
            end--;
        }
        return path.subList(0, end);
    }

    /** As the options write it: {@code exposure,remove_if_not_all:tv}; empty for none. */
    @Override
    public String toString() {
        return steps.stream().map(Step::toString).collect(Collectors.joining(","));
    }
}
