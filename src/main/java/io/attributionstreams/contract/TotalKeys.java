package io.attributionstreams.contract;

import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.channels.PathKey;
import io.attributionstreams.conversion.ConversionType;
import java.time.YearMonth;

/**
 * The keys of the totals topics (docs/contract.md §7 and §12), and their inverses: parts joined by
 * {@code |}, the channel last where it can be. A channel or campaign may itself hold {@code |} (no control
 * character, though), so where the channel is not last it is escaped ({@code \} as {@code \\}, {@code |} as
 * {@code \|}): two different rows never share a key, which on a compacted topic would lose one of them.
 *
 * <ul>
 *   <li>channel totals: {@code conversion_type|model|channel}</li>
 *   <li>campaign totals: {@code conversion_type|model|channel|campaign}, the channel escaped</li>
 *   <li>monthly totals: {@code conversion_type|model|YYYY-MM|channel}</li>
 *   <li>path totals: {@code conversion_type|path}, the path as {@link PathKey#text} writes it</li>
 * </ul>
 */
public final class TotalKeys {
    private TotalKeys() {
    }

    public static String channel(ChannelKey key) {
        return key.topicKey();
    }

    public static String campaign(CampaignKey key) {
        return key.type().name() + '|' + key.model() + '|' + escape(key.channel()) + '|' + key.campaign();
    }

    public static String month(MonthKey key) {
        return key.type().name() + '|' + key.model() + '|' + key.month() + '|' + key.channel();
    }

    public static String path(PathKey key) {
        return key.type().name() + '|' + key.text();
    }

    /** The inverse of {@link #path}. */
    public static PathKey parsePath(String topicKey) {
        int first = topicKey.indexOf('|');
        return PathKey.parse(ConversionType.valueOf(topicKey.substring(0, first)), topicKey.substring(first + 1));
    }

    /** The inverse of {@link #channel}. */
    public static ChannelKey parseChannel(String topicKey) {
        int first = topicKey.indexOf('|');
        int second = topicKey.indexOf('|', first + 1);
        return new ChannelKey(ConversionType.valueOf(topicKey.substring(0, first)),
                topicKey.substring(first + 1, second), topicKey.substring(second + 1));
    }

    /** The inverse of {@link #campaign}. */
    public static CampaignKey parseCampaign(String topicKey) {
        int first = topicKey.indexOf('|');
        int second = topicKey.indexOf('|', first + 1);
        StringBuilder channel = new StringBuilder();
        int i = second + 1;
        while (topicKey.charAt(i) != '|') {
            char c = topicKey.charAt(i);
            if (c == '\\') {
                i++;
                c = topicKey.charAt(i);
            }
            channel.append(c);
            i++;
        }
        return new CampaignKey(ConversionType.valueOf(topicKey.substring(0, first)),
                topicKey.substring(first + 1, second), channel.toString(), topicKey.substring(i + 1));
    }

    /** The inverse of {@link #month}. */
    public static MonthKey parseMonth(String topicKey) {
        String[] parts = topicKey.split("\\|", 4);
        return new MonthKey(ConversionType.valueOf(parts[0]), parts[1], YearMonth.parse(parts[2]), parts[3]);
    }

    private static String escape(String part) {
        if (part.indexOf('|') < 0 && part.indexOf('\\') < 0) {
            return part;
        }
        return part.replace("\\", "\\\\").replace("|", "\\|");
    }
}
