package io.attributionstreams.topology.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.contract.TotalKeys;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.topology.outputs.TotalKind;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Each row's delta key is the one its kind builds, the same string every time, and the cache stays bounded. */
class DeltaKeysTest {
    @Test
    void eachRowHasItsKindsKeyAsOneString() {
        DeltaKeys keys = new DeltaKeys();
        CampaignKey campaign = new CampaignKey(ConversionType.FIRST_PAID, "linear", "e|mail", "spring");
        MonthKey month = new MonthKey(ConversionType.FIRST_PAID, "linear", YearMonth.of(2026, 3), "google");
        ChannelKey channel = new ChannelKey(ConversionType.FIRST_PAID, "linear", "google");

        String first = keys.of(TotalKind.CAMPAIGN, campaign, TotalKeys::campaign);
        assertThat(first).isEqualTo(TotalKind.CAMPAIGN.deltaKey(TotalKeys.campaign(campaign)));
        assertThat(keys.of(TotalKind.CAMPAIGN, new CampaignKey(ConversionType.FIRST_PAID, "linear", "e|mail",
                "spring"), TotalKeys::campaign)).as("an equal row: the very same string").isSameAs(first);
        assertThat(keys.of(TotalKind.MONTH, month, TotalKeys::month))
                .isEqualTo(TotalKind.MONTH.deltaKey(TotalKeys.month(month)));
        assertThat(keys.of(TotalKind.CHANNEL, channel, TotalKeys::channel)).isEqualTo(TotalKeys.channel(channel));
        assertThat(keys.size()).isEqualTo(3);
    }

    @Test
    void everNewRowsNeverHoldMoreThanTheBound() {
        DeltaKeys keys = new DeltaKeys();
        for (int i = 0; i < 3 * DeltaKeys.MAX_ROWS; i++) {
            CampaignKey row = new CampaignKey(ConversionType.FIRST_PAID, "linear", "google", "campaign-" + i);
            assertThat(keys.of(TotalKind.CAMPAIGN, row, TotalKeys::campaign)).endsWith("|campaign-" + i);
            assertThat(keys.size()).isLessThanOrEqualTo(DeltaKeys.MAX_ROWS);
        }
    }
}
