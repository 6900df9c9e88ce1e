package io.attributionstreams.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.channels.KeyedTotals;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.facts.InteractionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch engine's running sums must equal what adding each outcome's campaign contribution, its channel
 * contribution and its month contribution gives (the way the topology's totals are kept), to the scale of
 * every decimal.
 */
class OutcomeSumsTest {
    private static final List<String> CHANNELS = List.of("google", "yelp", "referral", "(unattributed)");
    private static final List<String> CAMPAIGNS = List.of("spring", "(none)", "fall, promo");

    @Test
    void equalsTheSumOfEachOutcomesContributions() {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            List<Outcome> outcomes = new ArrayList<>();
            List<YearMonth> months = new ArrayList<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                outcomes.add(outcome(random, seed % 2 == 1));
                months.add(random.nextInt(4) == 0 ? null : YearMonth.of(2025, 1 + random.nextInt(3)));
            }

            OutcomeSums sums = new OutcomeSums();
            ChannelTotals channels = new ChannelTotals();
            KeyedTotals<CampaignKey> campaigns = new KeyedTotals<>();
            KeyedTotals<MonthKey> monthTotals = new KeyedTotals<>();
            for (int i = 0; i < outcomes.size(); i++) {
                sums.add(outcomes.get(i), months.get(i));
                Map<CampaignKey, ChannelTotal> campaignPart = ChannelTotals.campaignContribution(outcomes.get(i));
                Map<ChannelKey, ChannelTotal> channelPart = ChannelTotals.byChannel(campaignPart);
                campaigns.add(campaignPart);
                channels.add(channelPart);
                monthTotals.add(ChannelTotals.byMonth(channelPart, months.get(i)));
            }

            assertThat(sums.channels().rows()).as("seed %d", seed).isEqualTo(channels.rows());
            assertThat(sums.campaigns().rows()).as("seed %d", seed).isEqualTo(campaigns.rows());
            assertThat(sums.months().rows()).as("seed %d", seed).isEqualTo(monthTotals.rows());
        }
    }

    @Test
    void countsACustomerOncePerRowAndOutcome() {
        Instant at = Instant.parse("2025-02-03T10:00:00Z");
        Outcome outcome = new Outcome("CU1", ConversionType.FIRST_PAID, "linear", at, BigInteger.valueOf(1_000),
                List.of(touchpoint("google", "spring", "0.25", 250), touchpoint("google", "fall", "0.25", 250),
                        touchpoint("google", "spring", "0.5", 500)), at);
        OutcomeSums sums = new OutcomeSums();
        sums.add(outcome, YearMonth.of(2025, 2));
        sums.add(outcome, YearMonth.of(2025, 2));

        ChannelKey google = new ChannelKey(ConversionType.FIRST_PAID, "linear", "google");
        assertThat(sums.channels().rows()).containsExactly(Map.entry(google,
                new ChannelTotal(new BigDecimal("2.00"), BigInteger.valueOf(2_000), 6, 2)));
        assertThat(sums.campaigns().rows().get(new CampaignKey(ConversionType.FIRST_PAID, "linear", "google", "spring")))
                .isEqualTo(new ChannelTotal(new BigDecimal("1.50"), BigInteger.valueOf(1_500), 4, 2));
        assertThat(sums.months().rows()).containsExactly(Map.entry(
                new MonthKey(ConversionType.FIRST_PAID, "linear", YearMonth.of(2025, 2), "google"),
                new ChannelTotal(new BigDecimal("2.00"), BigInteger.valueOf(2_000), 6, 2)));
    }

    /** @param wide with up to 40 touchpoints over up to 60 (channel, campaign) pairs, many per channel */
    private static Outcome outcome(Random random, boolean wide) {
        ConversionType type = ConversionType.values()[random.nextInt(ConversionType.values().length)];
        String model = random.nextBoolean() ? "linear" : "time_decay";
        BigInteger revenue = random.nextInt(3) == 0 ? BigInteger.ZERO : BigInteger.valueOf(random.nextInt(100_000) - 500);
        List<CreditedTouchpoint> touchpoints = new ArrayList<>();
        if (random.nextInt(5) > 0) {
            int n = 1 + random.nextInt(wide ? 40 : 6);
            for (int i = 0; i < n; i++) {
                String campaign = wide ? "c" + random.nextInt(20)
                        : random.nextBoolean() ? null : CAMPAIGNS.get(random.nextInt(CAMPAIGNS.size()));
                // credits of many scales, as rounded fractions of any denominator are
                BigDecimal credit = BigDecimal.ONE.divide(BigDecimal.valueOf(1 + random.nextInt(97)),
                        new MathContext(1 + random.nextInt(34)));
                touchpoints.add(new CreditedTouchpoint("IN" + i, InteractionType.CALL,
                        CHANNELS.get(random.nextInt(CHANNELS.size() - 1)), campaign, null, credit,
                        random.nextBoolean() ? BigInteger.ZERO : BigInteger.valueOf(random.nextInt(1_000))));
            }
        }
        Instant at = Instant.parse("2025-01-15T00:00:00Z");
        return new Outcome("CU" + random.nextInt(5), type, model, at, revenue, touchpoints, at);
    }

    private static CreditedTouchpoint touchpoint(String channel, String campaign, String credit, long cents) {
        return new CreditedTouchpoint("IN-" + channel + campaign + credit, InteractionType.CALL, channel, campaign,
                Instant.parse("2025-01-01T00:00:00Z"), new BigDecimal(credit), BigInteger.valueOf(cents));
    }
}
