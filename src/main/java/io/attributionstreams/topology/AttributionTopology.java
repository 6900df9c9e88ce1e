package io.attributionstreams.topology;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.attribution.SettingsFingerprint;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModel;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.privacy.PseudonymisedValues;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.topology.attribution.AnswerChange;
import io.attributionstreams.topology.attribution.Attribution;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.topology.erasure.ErasureOptions;
import io.attributionstreams.topology.erasure.SuppressionRecord;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.identity.Identity;
import io.attributionstreams.topology.markov.MarkovInput;
import io.attributionstreams.topology.markov.MarkovTotals;
import io.attributionstreams.topology.normalise.Normalise;
import io.attributionstreams.topology.outputs.AnswerPartitioner;
import io.attributionstreams.topology.outputs.ChannelDeltas;
import io.attributionstreams.topology.outputs.CreditPartitioner;
import io.attributionstreams.topology.outputs.CreditRows;
import io.attributionstreams.topology.outputs.TotalKind;
import io.attributionstreams.topology.outputs.TotalSums;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import io.attributionstreams.topology.serde.JsonSerde;
import io.attributionstreams.topology.spend.SpendChange;
import io.attributionstreams.topology.spend.SpendDeltas;
import io.attributionstreams.topology.spend.SpendVersions;
import io.attributionstreams.topology.touchpoints.Touchpoints;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The streaming topology, top to bottom as the data flows:
 * normalise (by fact id) -> identity (by identifier) -> touchpoints and attribution (by customer)
 * -> outputs (updates, and channel totals by channel). The tests build it with this very method.
 */
public final class AttributionTopology {
    private AttributionTopology() {
    }

    /**
     * As {@link #build(AttributionSettings, Pacing, TopologyMetrics, IdentityOptions, ErasureOptions)}, with
     * the suppressions topic of the default application id and the pseudonym key of {@code identity}'s
     * values (a random one when they are kept as they are: a control of the tests, where only the check on
     * arrival can work).
     */
    public static Topology build(AttributionSettings settings, Pacing pacing, TopologyMetrics metrics,
            IdentityOptions identity) {
        Pseudonyms pseudonyms = identity.values() instanceof PseudonymisedValues values ? values.pseudonyms()
                : Pseudonyms.oneOff();
        return build(settings, pacing, metrics, identity,
                ErasureOptions.of(pseudonyms, StreamsSettings.DEFAULT_APPLICATION_ID));
    }

    /**
     * @param pacing how often channel deltas are sent on, how customers with many touchpoints are paced, and
     *     how the fan-out of an identifier with many claimants or interactions is spread
     * @param identity which phones and emails link nobody (blocked), and what the others become in step 1,
     *     before any repartition or store: their keyed pseudonyms
     * @param erasure the key that hashes erased subjects (the one that makes {@code identity}'s pseudonyms)
     *     and the engine's topic of suppressions
     */
    public static Topology build(AttributionSettings settings, Pacing pacing, TopologyMetrics metrics,
            IdentityOptions identity, ErasureOptions erasure) {
        return build(settings, pacing, metrics, identity, erasure, Backlog.NONE);
    }

    /**
     * @param backlog whether the application is catching up: every changed customer then waits, and is
     *     recomputed once when it has (the answers are the same; fewer intermediate ones are written)
     */
    public static Topology build(AttributionSettings settings, Pacing pacing, TopologyMetrics metrics,
            IdentityOptions identity, ErasureOptions erasure, Backlog backlog) {
        return build(settings, pacing, metrics, identity, erasure, backlog, Outputs.DEFAULT);
    }

    /** @param options which optional outputs it writes: flat credit rows for table sinks */
    public static Topology build(AttributionSettings settings, Pacing pacing, TopologyMetrics metrics,
            IdentityOptions identity, ErasureOptions erasure, Backlog backlog, Outputs options) {
        // a plain StreamsBuilder only logs an unnamed repartition, store or changelog; with the setting in its
        // own TopologyConfig, building fails, so a rename can never slip in unnoticed (and move state)
        Properties naming = new Properties();
        naming.put(StreamsConfig.APPLICATION_ID_CONFIG, StreamsSettings.DEFAULT_APPLICATION_ID);
        naming.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        naming.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(naming)));
        Erasure suppressed = new Erasure(erasure.pseudonyms(), metrics.factSuppressed());
        FactNormaliser normaliser = new FactNormaliser(settings.region(), settings.zone(), settings.currency(),
                metrics.normalisation(), identity.blocked(), suppressed.suppressions(), identity.values());

        // 1. normalise, by fact id: each fact's last version and revision, phones and emails as pseudonyms,
        //    suppressed subjects left out (on arrival, and by a scan of the kept facts after an erasure);
        //    changes become graph events
        KStream<String, GraphEvent> factEvents = builder
                .stream(Names.CUSTOMERS, Topics.rawInput(Names.CUSTOMERS))
                .process(Normalise.customers(normaliser, metrics.factIn(Names.CUSTOMERS), suppressed),
                        Named.as(Names.NORMALISE_CUSTOMERS))
                .merge(builder.stream(Names.INTERACTIONS, Topics.rawInput(Names.INTERACTIONS))
                        .process(Normalise.interactions(normaliser, metrics.factIn(Names.INTERACTIONS), suppressed),
                                Named.as(Names.NORMALISE_INTERACTIONS)),
                        Named.as(Names.MERGE_FACT_EVENTS + "-interactions"))
                .merge(builder.stream(Names.APPOINTMENTS, Topics.rawInput(Names.APPOINTMENTS))
                        .process(Normalise.appointments(normaliser, metrics.factIn(Names.APPOINTMENTS), suppressed),
                                Named.as(Names.NORMALISE_APPOINTMENTS)),
                        Named.as(Names.MERGE_FACT_EVENTS + "-appointments"))
                .merge(builder.stream(Names.PAYMENTS, Topics.rawInput(Names.PAYMENTS))
                        .process(Normalise.payments(normaliser, metrics.factIn(Names.PAYMENTS), suppressed),
                                Named.as(Names.NORMALISE_PAYMENTS)),
                        Named.as(Names.MERGE_FACT_EVENTS + "-payments"));
        // spend (docs/contract.md §12), by spend id: each change becomes deltas of the totals it shows in
        KStream<String, SpendChange> spendChanges = builder.stream(Names.SPEND, Topics.rawInput(Names.SPEND))
                .process(SpendVersions.processor(normaliser, metrics.factIn(Names.SPEND)),
                        Named.as(Names.NORMALISE_SPEND));
        List<ConversionType> types = settings.types();
        List<String> perTouchpoint = settings.models().stream().map(CreditModel::name).toList();
        KStream<String, ChannelTotal> spendByChannel = spendChanges
                .flatMap((id, change) -> SpendDeltas.totalDeltas(change, types, perTouchpoint),
                        Named.as(Names.SPEND_DELTAS))
                .repartition(Repartitioned.with(Serdes.String(), ChannelTotalSerde.INSTANCE)
                        .withName(Names.SPEND_BY_CHANNEL));
        Map<String, KStream<String, GraphEvent>> routes = factEvents.split(Named.as(Names.SPLIT_FACT_EVENTS))
                .branch((key, event) -> event.kind().keyedByIdentifier(), Branched.as(Names.TO_IDENTITY))
                .defaultBranch(Branched.as(Names.TO_CUSTOMER));

        // 2. identity, by identifier: claims and carriers become links and unlinks, keyed by customer;
        //    identifiers the claimant cap holds back are reported, keyed by pseudonym
        Map<String, KStream<String, GraphEvent>> identityEvents = routes
                .get(Names.SPLIT_FACT_EVENTS + Names.TO_IDENTITY)
                .repartition(Repartitioned.with(Serdes.String(), Topics.GRAPH_EVENT).withName(Names.BY_IDENTIFIER))
                .process(Identity.graph(pacing, metrics.identity(), identity.maxClaimants()),
                        Named.as(Names.IDENTITY_GRAPH))
                .split(Named.as(Names.SPLIT_IDENTITY_EVENTS))
                .branch((key, event) -> event.kind() == GraphEvent.Kind.CAPPED, Branched.as(Names.TO_CAPPED))
                .defaultBranch(Branched.as(Names.TO_CUSTOMER));
        identityEvents.get(Names.SPLIT_IDENTITY_EVENTS + Names.TO_CAPPED)
                .mapValues(event -> event.claimants() == 0 ? null : event.claimants(), Named.as(Names.CAPPED_COUNTS))
                .to(Topics.IDENTITY_CAPPED.name(), Topics.IDENTITY_CAPPED.produced(Names.WRITE_CAPPED));
        KStream<String, GraphEvent> links = identityEvents.get(Names.SPLIT_IDENTITY_EVENTS + Names.TO_CUSTOMER);

        // 3. touchpoints and attribution, by customer: the customer's facts, then its recomputed answers
        KStream<String, AnswerChange> changes = routes.get(Names.SPLIT_FACT_EVENTS + Names.TO_CUSTOMER)
                .merge(links, Named.as(Names.MERGE_CUSTOMER_EVENTS))
                .repartition(Repartitioned.with(Serdes.String(), Topics.GRAPH_EVENT).withName(Names.BY_CUSTOMER))
                .process(Touchpoints.processor(suppressed::customerErased), Named.as(Names.TOUCHPOINTS))
                .process(Attribution.processor(new CustomerAttributor(settings), SettingsFingerprint.of(settings,
                        identity.maxClaimants(), identity.blocked().digest()), pacing, metrics.attribution(),
                        suppressed::customerErased, backlog),
                        Named.as(Names.ATTRIBUTE));

        // 4. outputs: updates as they are (a large answer in parts, all in the answer's partition), and when
        //    asked as flat credit rows for table sinks; deltas of the channel, campaign, monthly and path totals
        //    summed per task, then by row, each kind to its topic
        BranchedKStream<String, AnswerChange> split = changes.split(Named.as(Names.SPLIT_ANSWERS))
                .branch((key, change) -> change.isDelta(), Branched.as(Names.DELTAS));
        if (settings.markov()) {
            split = split.branch((key, change) -> change.isPath(), Branched.as(Names.PATHS));
        }
        Map<String, KStream<String, AnswerChange>> outputs = split.defaultBranch(Branched.as(Names.UPDATES));
        KStream<String, AttributionUpdate> updates = outputs.get(Names.SPLIT_ANSWERS + Names.UPDATES)
                .mapValues(AnswerChange::update, Named.as(Names.UPDATES));
        updates.to(Topics.ATTRIBUTION_UPDATES.name(), Topics.ATTRIBUTION_UPDATES.produced(Names.WRITE_UPDATES)
                .withStreamPartitioner(new AnswerPartitioner()));
        if (options.credits()) {
            updates.process(CreditRows.processor(), Named.as(Names.CREDIT_ROWS))
                    .to(Topics.ATTRIBUTION_CREDITS.name(), Topics.ATTRIBUTION_CREDITS.produced(Names.WRITE_CREDITS)
                            .withStreamPartitioner(new CreditPartitioner()));
        }
        outputs.get(Names.SPLIT_ANSWERS + Names.DELTAS)
                .mapValues(AnswerChange::delta, Named.as(Names.DELTAS))
                .process(ChannelDeltas.processor(pacing.channelTotalsInterval()), Named.as(Names.SUM_DELTAS))
                .repartition(Repartitioned.with(Serdes.String(), ChannelTotalSerde.INSTANCE)
                        .withName(Names.BY_CHANNEL))
                .merge(spendByChannel, Named.as(Names.MERGE_SPEND))
                .process(TotalSums.processor(), Named.as(Names.SUM_CHANNELS))
                .split(Named.as(Names.SPLIT_TOTALS))
                .branch((key, row) -> row.kind() == TotalKind.CAMPAIGN, Branched.withConsumer(campaigns -> campaigns
                        .mapValues(row -> (CampaignTotalRecord) row.record(), Named.as(Names.CAMPAIGN_ROWS))
                        .to(Topics.CAMPAIGN_TOTALS.name(),
                                Topics.CAMPAIGN_TOTALS.produced(Names.WRITE_CAMPAIGN_TOTALS)), Names.TO_CAMPAIGNS))
                .branch((key, row) -> row.kind() == TotalKind.PATH, Branched.withConsumer(paths -> paths
                        .mapValues(row -> (PathTotalRecord) row.record(), Named.as(Names.PATH_ROWS))
                        .to(Topics.PATH_TOTALS.name(), Topics.PATH_TOTALS.produced(Names.WRITE_PATH_TOTALS)),
                        Names.TO_PATHS))
                .branch((key, row) -> row.kind() == TotalKind.MONTH, Branched.withConsumer(months -> months
                        .mapValues(row -> (MonthTotalRecord) row.record(), Named.as(Names.MONTH_ROWS))
                        .to(Topics.MONTH_TOTALS.name(), Topics.MONTH_TOTALS.produced(Names.WRITE_MONTH_TOTALS)),
                        Names.TO_MONTHS))
                .defaultBranch(Branched.withConsumer(channels -> channels
                        .mapValues(row -> (ChannelTotalRecord) row.record(), Named.as(Names.CHANNEL_ROWS))
                        .to(Topics.CHANNEL_TOTALS.name(), Topics.CHANNEL_TOTALS.produced(Names.WRITE_CHANNEL_TOTALS)),
                        Names.TO_CHANNELS));

        // 5. erasure: requests become suppressions (pseudonyms only) in the engine's topic, which every
        //    instance reads whole into a global store before it processes anything (step 1 asks it); built
        //    last, so that the sub-topologies of steps 1 to 4 keep their numbers (and their tasks, their state)
        builder.stream(Names.ERASURES, Topics.rawInput(Names.ERASURES))
                .process(suppressed.requests(settings.region(), metrics.erasureRequest()),
                        Named.as(Names.ERASE_SUBJECTS))
                .to(erasure.suppressionsTopic(), Produced.with(Serdes.String(), JsonSerde.of(SuppressionRecord.class))
                        .withName(Names.WRITE_SUPPRESSIONS));

        // 6. markov, by conversion type: the paths' transition counts, the chain solved at most once per
        //    channel-totals interval; only when the model runs, and last, so the other sub-topologies keep their
        //    numbers whether it runs or not
        if (settings.markov()) {
            KStream<String, MarkovInput> spendByType = spendChanges
                    .flatMap((id, change) -> SpendDeltas.markovDeltas(change, types),
                            Named.as(Names.SPEND_MARKOV_DELTAS))
                    .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(MarkovInput.class))
                            .withName(Names.SPEND_BY_CONVERSION_TYPE));
            outputs.get(Names.SPLIT_ANSWERS + Names.PATHS)
                    .mapValues(change -> MarkovInput.path(change.path()), Named.as(Names.PATHS))
                    .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(MarkovInput.class))
                            .withName(Names.BY_CONVERSION_TYPE))
                    .merge(spendByType, Named.as(Names.MERGE_MARKOV_SPEND))
                    .process(MarkovTotals.processor(pacing.channelTotalsInterval(), types), Named.as(Names.SOLVE_MARKOV))
                    .to(Topics.CHANNEL_TOTALS.name(), Topics.CHANNEL_TOTALS.produced(Names.WRITE_MARKOV_TOTALS));
        }

        Topology topology = builder.build();
        // the global store of suppressions, through the Topology API, which names its source and processor
        topology.addGlobalStore(Erasure.globalStore(), Names.READ_SUPPRESSIONS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), erasure.suppressionsTopic(), Names.KEEP_SUPPRESSIONS,
                suppressed.keeper());
        return topology;
    }
}
