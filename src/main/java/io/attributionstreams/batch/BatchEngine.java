package io.attributionstreams.batch;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.attribution.CustomerFacts;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.KeyedTotals;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.channels.PathKey;
import io.attributionstreams.channels.SpendTotals;
import io.attributionstreams.credit.CreditModel;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.identity.IdentityIndex;
import io.attributionstreams.markov.Journey;
import io.attributionstreams.markov.MarkovChannel;
import io.attributionstreams.markov.PathCounts;
import io.attributionstreams.markov.RemovalEffects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The reference answer: every customer's attribution from the final state of the facts, computed
 * with the same per-customer code the streaming topology calls.
 *
 * <p>Customers are taken in id order, in chunks computed in parallel, and their outcomes handed
 * to the sink in output order, so memory holds the facts but never the whole answer.
 */
public final class BatchEngine {
    private static final int CHUNK = 2_048;
    /** A customer's outcomes in output order: type name, then model name. */
    private static final Comparator<Outcome> WITHIN_CUSTOMER = Comparator
            .comparing((Outcome o) -> o.type().name())
            .thenComparing(Outcome::model);

    private final CustomerAttributor attributor;
    private final int maxClaimants;

    public BatchEngine(AttributionSettings settings) {
        this(settings, 0);
    }

    /** @param maxClaimants the claimant cap of docs/contract.md §10; 0 for none */
    public BatchEngine(AttributionSettings settings, int maxClaimants) {
        this.attributor = new CustomerAttributor(settings);
        this.maxClaimants = maxClaimants;
    }

    public AttributionSettings settings() {
        return attributor.settings();
    }

    /**
     * @param attributed receives every outcome that has an attribution record, sorted by customer id,
     *     conversion type and model, as {@code attribution.csv} lists them
     */
    public <T> BatchResult run(FactSet facts, OutcomeSink<T> attributed) {
        IdentityIndex identity = new IdentityIndex(facts.customers(), maxClaimants);
        // the lookups (a million interactions, each a few probes of large maps) and the grouping run on both
        // cores: the index is only read, and each customer's list is added to under its map entry's lock. Their
        // order does not matter, the attributor sorts. (Grouping on one thread after parallel lookups had taken about
        // half a second alone on it, in a flight recording of the 1M data set.)
        Map<String, List<Interaction>> touchpoints = new ConcurrentHashMap<>(facts.customers().size() * 2);
        facts.interactions().parallelStream().forEach(interaction -> {
            for (String customerId : identity.customersOf(interaction)) {
                touchpoints.compute(customerId, (id, list) -> {
                    List<Interaction> into = list == null ? new ArrayList<>() : list;
                    into.add(interaction);
                    return into;
                });
            }
        });
        Map<String, List<Appointment>> appointments = new HashMap<>();
        for (Appointment a : facts.appointments()) {
            if (identity.exists(a.customerId())) {
                appointments.computeIfAbsent(a.customerId(), k -> new ArrayList<>()).add(a);
            }
        }
        Map<String, List<Payment>> payments = new HashMap<>();
        for (Payment p : facts.payments()) {
            if (identity.exists(p.customerId())) {
                payments.computeIfAbsent(p.customerId(), k -> new ArrayList<>()).add(p);
            }
        }

        List<String> customerIds = new ArrayList<>(facts.customers().stream().map(Customer::customerId).toList());
        customerIds.sort(Comparator.naturalOrder());
        ChannelTotals channels = new ChannelTotals();
        KeyedTotals<CampaignKey> campaigns = new KeyedTotals<>();
        KeyedTotals<MonthKey> months = new KeyedTotals<>();
        Map<ConversionType, PathCounts> paths = new EnumMap<>(ConversionType.class);
        KeyedTotals<PathKey> pathRows = new KeyedTotals<>();
        boolean markov = attributor.settings().markov();
        long converted = 0;
        long rows = 0;
        // chunk k+1 is computed and summed (on every core) while this thread writes chunk k and merges its sums
        ForkJoinPool workers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            CompletableFuture<Chunk<T>> next = compute(workers, customerIds, 0, touchpoints, appointments,
                    payments, attributed);
            for (int from = 0; from < customerIds.size(); from += CHUNK) {
                Chunk<T> chunk = joined(next);
                next = compute(workers, customerIds, from + CHUNK, touchpoints, appointments, payments, attributed);
                channels.add(chunk.channels());
                campaigns.add(chunk.campaigns());
                months.add(chunk.months());
                pathRows.add(chunk.paths());
                for (Answer<T> answer : chunk.answers()) {
                    if (!answer.outcomes().isEmpty()) {
                        converted++;
                    }
                    for (Outcome outcome : answer.outcomes()) {
                        rows += outcome.touchpoints().size();
                    }
                    if (markov) {
                        for (Journey journey : answer.journeys()) {
                            paths.computeIfAbsent(journey.type(), t -> new PathCounts()).add(journey);
                        }
                    }
                    if (answer.rendered() != null) {
                        attributed.write(answer.rendered());
                    }
                }
            }
        } finally {
            workers.shutdownNow();
        }
        SortedMap<ChannelKey, ChannelTotal> channelRows = new TreeMap<>(channels.rows());
        SortedMap<ChannelKey, Double> removalEffects = new TreeMap<>();
        for (Map.Entry<ConversionType, PathCounts> type : paths.entrySet()) {
            for (MarkovChannel row : RemovalEffects.solve(type.getValue())) {
                ChannelKey key = new ChannelKey(type.getKey(), AttributionSettings.MARKOV, row.channel());
                channelRows.put(key, new ChannelTotal(row.credit(), row.revenueCents(), row.touchpoints(), 0));
                removalEffects.put(key, row.removalEffect());
            }
        }
        SortedMap<CampaignKey, ChannelTotal> campaignRows = campaigns.rows();
        SortedMap<MonthKey, ChannelTotal> monthRows = months.rows();
        SpendTotals spend = null;
        if (facts.hasSpend()) {
            // a channel (campaign, month) with spend and no credit still has its rows: money spent for nothing
            AttributionSettings settings = attributor.settings();
            List<String> perTouchpoint = settings.models().stream().map(CreditModel::name).toList();
            spend = new SpendTotals(facts.spend());
            channelRows = spend.withSpendOnlyChannels(channelRows, settings.types(), settings.modelNames());
            campaignRows = spend.withSpendOnlyCampaigns(campaignRows, settings.types(), perTouchpoint);
            monthRows = spend.withSpendOnlyMonths(monthRows, settings.types(), perTouchpoint);
        }
        return new BatchResult(channelRows, facts.rejects(), facts.rows(), customerIds.size(), converted, rows,
                identity.capped(), removalEffects, campaignRows, monthRows, spend, pathRows.rows());
    }

    /**
     * The answers of the chunk of customers from {@code from} (none past the end), computed in parallel, and what
     * they add to the totals, summed by the worker that waited for them: the writing thread only merges one sum
     * per chunk (adding up every customer's parts there had been a sixth of its samples in a flight recording).
     */
    private <T> CompletableFuture<Chunk<T>> compute(ForkJoinPool workers, List<String> customerIds, int from,
            Map<String, List<Interaction>> touchpoints, Map<String, List<Appointment>> appointments,
            Map<String, List<Payment>> payments, OutcomeSink<T> attributed) {
        java.time.ZoneId zone = attributor.settings().zone();
        List<String> chunk = customerIds.subList(Math.min(customerIds.size(), from),
                Math.min(customerIds.size(), from + CHUNK));
        return CompletableFuture.supplyAsync(() -> {
            List<Answer<T>> answers = IntStream.range(0, chunk.size()).parallel()
                    .mapToObj(i -> {
                        String id = chunk.get(i);
                        CustomerAttributor.Answer answer = attributor.answer(new CustomerFacts(id,
                                touchpoints.getOrDefault(id, List.of()),
                                appointments.getOrDefault(id, List.of()),
                                payments.getOrDefault(id, List.of())));
                        List<Outcome> outcomes = new ArrayList<>(answer.outcomes());
                        outcomes.sort(WITHIN_CUSTOMER);
                        List<Outcome> withRecords = outcomes.stream().filter(Outcome::attributed).toList();
                        return new Answer<>(outcomes, withRecords.isEmpty() ? null : attributed.render(withRecords),
                                answer.journeys());
                    })
                    .toList();
            // what the chunk adds to the totals, summed by the worker that waited for its answers straight from the
            // touchpoints (building three maps per outcome and adding them up had allocated a fifth of a warm run)
            OutcomeSums outcomeSums = new OutcomeSums();
            KeyedTotals<PathKey> paths = new KeyedTotals<>();
            for (Answer<T> answer : answers) {
                for (Outcome outcome : answer.outcomes()) {
                    outcomeSums.add(outcome, ChannelTotals.monthOf(outcome, zone));
                }
                for (Journey journey : answer.journeys()) {
                    PathKey.of(journey).ifPresent(path -> paths.add(
                            Map.of(path, ChannelTotal.conversion(journey.revenueCents(), 1))));
                }
            }
            return new Chunk<>(answers, outcomeSums.channels(), outcomeSums.campaigns(), outcomeSums.months(), paths);
        }, workers);
    }

    /** The chunk's answers, or what went wrong computing them, as it was thrown. */
    private static <T> Chunk<T> joined(CompletableFuture<Chunk<T>> answers) {
        try {
            return answers.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            } else if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * One customer's outcomes, their rendering (null when none has an attribution record), and its journeys.
     */
    private record Answer<T>(List<Outcome> outcomes, T rendered, List<Journey> journeys) {
    }

    /** A chunk's answers in output order, and what they add to each kind of total. */
    private record Chunk<T>(List<Answer<T>> answers, ChannelTotals channels, KeyedTotals<CampaignKey> campaigns,
            KeyedTotals<MonthKey> months, KeyedTotals<PathKey> paths) {
    }

    /** The whole answer in memory, for tests and small inputs. */
    public List<Outcome> attributedOutcomes(FactSet facts) {
        return OutcomeSink.collect(sink -> run(facts, sink));
    }
}
