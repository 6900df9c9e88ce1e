package io.attributionstreams.markov;

/** One step of a path, counted in {@link PathCounts}. */
public record Transition(Node from, Node to) implements Comparable<Transition> {
    @Override
    public int compareTo(Transition other) {
        int byFrom = from.compareTo(other.from);
        return byFrom != 0 ? byFrom : to.compareTo(other.to);
    }
}
