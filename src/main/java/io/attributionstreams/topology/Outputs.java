package io.attributionstreams.topology;

/**
 * Which optional outputs the topology writes.
 *
 * @param credits whether each answer is also written as flat rows, a touchpoint's credit a record, to
 *     {@code attribution-credits}, for table sinks ({@code attribution.output.credits}); off by default, since
 *     it writes every row of an answer each time the answer changes
 */
public record Outputs(boolean credits) {
    public static final Outputs DEFAULT = new Outputs(false);
    public static final Outputs WITH_CREDITS = new Outputs(true);
}
