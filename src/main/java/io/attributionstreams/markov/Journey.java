package io.attributionstreams.markov;

import io.attributionstreams.conversion.ConversionType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer's path for one conversion type (docs/contract.md §14): the channels in order with
 * consecutive repeats collapsed, whether it ends in a conversion, the customer's revenue, and how
 * many crediting touchpoints each channel had on a converting path.
 */
public record Journey(ConversionType type, List<String> channels, boolean converted, BigInteger revenueCents,
        Map<String, Long> touchpoints) {

    public Journey {
        channels = List.copyOf(channels);
        touchpoints = Map.copyOf(touchpoints);
    }

    /**
     * @param channelsInOrder the channel of each touchpoint on the path, in touchpoint order
     * @param converted whether the path ends in a conversion (its touchpoints are then counted)
     */
    public static Journey of(ConversionType type, List<String> channelsInOrder, boolean converted,
            BigInteger revenueCents) {
        List<String> collapsed = new ArrayList<>(channelsInOrder.size());
        Map<String, Long> touchpoints = new HashMap<>(); // copied into an unordered map below
        for (String channel : channelsInOrder) {
            if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(channel)) {
                collapsed.add(channel);
            }
            if (converted) {
                touchpoints.merge(channel, 1L, Long::sum);
            }
        }
        return new Journey(type, collapsed, converted, converted ? revenueCents : BigInteger.ZERO, touchpoints);
    }

    /** The transitions the path makes, from (start) to its end, with repeats when it revisits a step. */
    public List<Transition> transitions() {
        List<Transition> steps = new ArrayList<>(channels.size() + 1);
        Node from = Node.START;
        for (String channel : channels) {
            Node to = Node.channel(channel);
            steps.add(new Transition(from, to));
            from = to;
        }
        steps.add(new Transition(from, converted ? Node.CONVERSION : Node.NULL));
        return steps;
    }
}
