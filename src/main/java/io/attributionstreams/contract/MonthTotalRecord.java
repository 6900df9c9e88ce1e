package io.attributionstreams.contract;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.conversion.ConversionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.YearMonth;

/**
 * A record on {@code attribution-month-totals} (schema {@code schemas/attribution-month-totals.schema.json}):
 * what one channel earned in one month for one (conversion type, model), and what was spent on it that
 * month (docs/contract.md §12). The month is {@code YYYY-MM} in the business zone: a conversion counts in
 * the month of its conversion time (FIRST_CONTACT: of its earliest crediting touchpoint), spend in the
 * month of its day. The fields are those of {@link ChannelTotalRecord}, with the month and without a
 * removal effect.
 */
public record MonthTotalRecord(
        String conversionType,
        String model,
        String month,
        String channel,
        BigDecimal credit,
        String revenue,
        BigInteger revenueCents,
        long touchpoints,
        long customers,
        String spend,
        BigInteger spendCents,
        long spendFacts,
        String roas,
        String costPerConversion) implements TotalRecord {

    public static MonthTotalRecord of(MonthKey key, ChannelTotal total) {
        TotalFields f = TotalFields.of(total);
        return new MonthTotalRecord(key.type().name(), key.model(), key.month().toString(), key.channel(), f.credit(),
                f.revenue(), f.revenueCents(), f.touchpoints(), f.customers(), f.spend(), f.spendCents(),
                f.spendFacts(), f.roas(), f.costPerConversion());
    }

    public MonthKey key() {
        return new MonthKey(ConversionType.valueOf(conversionType), model, YearMonth.parse(month), channel);
    }

    @Override
    public ChannelTotal total() {
        return new ChannelTotal(credit, revenueCents, touchpoints, customers, spendCents, spendFacts);
    }
}
