package io.attributionstreams.channels;

/** A (channel, campaign) pair of any (type, model), as a key where parts are summed before they are keyed by row. */
public record ChannelCampaign(String channel, String campaign) {
}
