package io.attributionstreams.topology;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.CreditRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.normalise.RawSpend;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.GraphEventSerde;
import io.attributionstreams.topology.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;

/** The topics the application reads and writes, each with its serdes. */
public final class Topics {
    private Topics() {
    }

    private static final Serde<String> KEY = Serdes.String();

    public static final Topic<String, RawCustomer> CUSTOMERS =
            new Topic<>(Names.CUSTOMERS, KEY, JsonSerde.of(RawCustomer.class));
    public static final Topic<String, RawInteraction> INTERACTIONS =
            new Topic<>(Names.INTERACTIONS, KEY, JsonSerde.of(RawInteraction.class));
    public static final Topic<String, RawAppointment> APPOINTMENTS =
            new Topic<>(Names.APPOINTMENTS, KEY, JsonSerde.of(RawAppointment.class));
    public static final Topic<String, RawPayment> PAYMENTS =
            new Topic<>(Names.PAYMENTS, KEY, JsonSerde.of(RawPayment.class));
    public static final Topic<String, RawSpend> SPEND =
            new Topic<>(Names.SPEND, KEY, JsonSerde.of(RawSpend.class));

    public static final Topic<String, AttributionUpdate> ATTRIBUTION_UPDATES =
            new Topic<>(Names.ATTRIBUTION_UPDATES, KEY, JsonSerde.of(AttributionUpdate.class));
    public static final Topic<String, CreditRecord> ATTRIBUTION_CREDITS =
            new Topic<>(Names.ATTRIBUTION_CREDITS, KEY, JsonSerde.of(CreditRecord.class));
    public static final Topic<String, ChannelTotalRecord> CHANNEL_TOTALS =
            new Topic<>(Names.CHANNEL_TOTALS, KEY, JsonSerde.of(ChannelTotalRecord.class));
    public static final Topic<String, CampaignTotalRecord> CAMPAIGN_TOTALS =
            new Topic<>(Names.CAMPAIGN_TOTALS, KEY, JsonSerde.of(CampaignTotalRecord.class));
    public static final Topic<String, MonthTotalRecord> MONTH_TOTALS =
            new Topic<>(Names.MONTH_TOTALS, KEY, JsonSerde.of(MonthTotalRecord.class));
    public static final Topic<String, PathTotalRecord> PATH_TOTALS =
            new Topic<>(Names.PATH_TOTALS, KEY, JsonSerde.of(PathTotalRecord.class));
    /** Key an identifier's pseudonym, value its claimant count as a JSON number; a tombstone when it links again. */
    public static final Topic<String, Long> IDENTITY_CAPPED =
            new Topic<>(Names.IDENTITY_CAPPED, KEY, JsonSerde.of(Long.class));

    /**
     * How the application reads an input topic: key as a string, value as bytes, parsed by the
     * normalise step so that unreadable JSON reaches the dead-letter topic like any rejected fact.
     */
    public static Consumed<String, byte[]> rawInput(String topic) {
        return Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(Names.SOURCE_PREFIX + topic);
    }

    /** The envelope of the internal topics {@code by-identifier} and {@code by-customer}. */
    public static final Serde<GraphEvent> GRAPH_EVENT = new GraphEventSerde();
}
