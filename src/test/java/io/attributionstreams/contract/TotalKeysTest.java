package io.attributionstreams.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.conversion.ConversionType;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The keys of the totals topics: readable, reversible, and never shared by two rows. */
class TotalKeysTest {
    private static final ConversionType BOOKED = ConversionType.FIRST_BOOKED;

    @Test
    void plainNamesReadAsTheyAre() {
        assertThat(TotalKeys.channel(new ChannelKey(BOOKED, "linear", "google"))).isEqualTo("FIRST_BOOKED|linear|google");
        assertThat(TotalKeys.campaign(new CampaignKey(BOOKED, "linear", "google", "spring sale")))
                .isEqualTo("FIRST_BOOKED|linear|google|spring sale");
        assertThat(TotalKeys.month(new MonthKey(BOOKED, "linear", YearMonth.of(2025, 3), "google")))
                .isEqualTo("FIRST_BOOKED|linear|2025-03|google");
    }

    @Test
    void aChannelHoldingTheSeparatorIsEscapedWhereItIsNotLast() {
        CampaignKey split = new CampaignKey(BOOKED, "linear", "a|b", "c");
        CampaignKey other = new CampaignKey(BOOKED, "linear", "a", "b|c");
        CampaignKey slash = new CampaignKey(BOOKED, "linear", "a\\", "b|c");
        assertThat(TotalKeys.campaign(split)).isEqualTo("FIRST_BOOKED|linear|a\\|b|c");
        assertThat(TotalKeys.campaign(other)).isEqualTo("FIRST_BOOKED|linear|a|b|c");
        assertThat(TotalKeys.campaign(slash)).isEqualTo("FIRST_BOOKED|linear|a\\\\|b|c");
        Set<String> keys = List.of(split, other, slash).stream().map(TotalKeys::campaign).collect(Collectors.toSet());
        assertThat(keys).hasSize(3);
        for (CampaignKey key : List.of(split, other, slash, new CampaignKey(BOOKED, "w_shaped", "\\|\\", "|"))) {
            assertThat(TotalKeys.parseCampaign(TotalKeys.campaign(key))).isEqualTo(key);
        }
    }

    @Test
    void channelAndMonthKeysReadBack() {
        ChannelKey channel = new ChannelKey(ConversionType.FIRST_PAID, "markov", "x|y");
        MonthKey month = new MonthKey(ConversionType.FIRST_CONTACT, "first_touch", YearMonth.of(1999, 12), "a|b|");
        assertThat(TotalKeys.parseChannel(TotalKeys.channel(channel))).isEqualTo(channel);
        assertThat(TotalKeys.parseMonth(TotalKeys.month(month))).isEqualTo(month);
    }
}
