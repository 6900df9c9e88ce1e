package io.attributionstreams.normalise;

/** A spend fact as a producer sends it: untrusted strings (the amount as written, to stay exact). */
public record RawSpend(String spendId, String channel, String campaign, String spentOn, String amount,
        String currency) {
}
