package io.attributionstreams.topology.markov;

import io.attributionstreams.channels.ChannelTotal;

/**
 * What reaches the markov step: a customer's path that changed, or a spend change on a channel (the markov
 * rows show spend like every other row, and this step alone writes them).
 */
public record MarkovInput(JourneyChange path, String channel, ChannelTotal spend) {
    public static MarkovInput path(JourneyChange path) {
        return new MarkovInput(path, null, null);
    }

    public static MarkovInput spend(String channel, ChannelTotal spend) {
        return new MarkovInput(null, channel, spend);
    }
}
