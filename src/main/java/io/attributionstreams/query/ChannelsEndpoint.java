package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.topology.serde.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /channels?type=&model=}: the channel totals of every partition, whichever instance
 * holds it. The instance asked gathers: its own active partitions from its store, each other
 * instance's through a forwarded request that that instance answers from its store alone. The
 * answer is whole or a 503: every instance must answer for exactly the partitions the metadata gave it.
 */
final class ChannelsEndpoint implements Endpoint {
    static final String PATH = "/channels";
    private static final Comparator<ChannelTotalRecord> ORDER = Comparator
            .comparing(ChannelTotalRecord::conversionType)
            .thenComparing(ChannelTotalRecord::model)
            .thenComparing(ChannelTotalRecord::channel);

    private final StoreView stores;
    private final Forwarding forwarding;
    private final AttributionSettings settings;

    ChannelsEndpoint(StoreView stores, Forwarding forwarding, AttributionSettings settings) {
        this.stores = stores;
        this.forwarding = forwarding;
        this.settings = settings;
    }

    @Override
    public Reply answer(QueryRequest request) {
        if (!request.rawPath().replaceAll("/+$", "").equals(PATH)) {
            throw QueryProblem.notFound("no such endpoint; try /channels");
        }
        QueryFilter filter = QueryFilter.of(request, settings);
        stores.requireRunning();
        Map<String, Set<Integer>> plan = new TreeMap<>(stores.channelPartitions());
        // the markov rows are kept by conversion type, in partitions of their own: gathered the same way
        Map<String, Set<Integer>> markovPlan = settings.markov() ? new TreeMap<>(stores.markovPartitions()) : Map.of();
        if (request.forwarded()) {
            return Reply.json(200, local(plan.getOrDefault(stores.self(), Set.of()),
                    markovPlan.getOrDefault(stores.self(), Set.of()), filter));
        }
        if (plan.isEmpty() || settings.markov() && markovPlan.isEmpty()) {
            throw QueryProblem.unavailable("no instance holds the channel totals yet");
        }
        Set<String> everyInstance = new TreeSet<>(plan.keySet());
        everyInstance.addAll(markovPlan.keySet());
        List<String> instances = new ArrayList<>();
        Set<Integer> partitions = new TreeSet<>();
        Set<Integer> markovPartitions = new TreeSet<>();
        List<ChannelTotalRecord> channels = new ArrayList<>();
        for (String instance : everyInstance) {
            Set<Integer> assigned = plan.getOrDefault(instance, Set.of());
            Set<Integer> assignedMarkov = markovPlan.getOrDefault(instance, Set.of());
            ChannelsReply part = instance.equals(stores.self()) ? local(assigned, assignedMarkov, filter)
                    : remote(instance, request);
            List<Integer> gotMarkov = part.markovPartitions() == null ? List.of() : part.markovPartitions();
            if (!new TreeSet<>(part.partitions()).equals(new TreeSet<>(assigned))
                    || !new TreeSet<>(gotMarkov).equals(new TreeSet<>(assignedMarkov))) {
                throw QueryProblem.unavailable("the channel totals moved between instances while being gathered");
            }
            instances.add(instance);
            partitions.addAll(part.partitions());
            markovPartitions.addAll(gotMarkov);
            channels.addAll(part.channels());
        }
        channels.sort(ORDER);
        return Reply.json(200, new ChannelsReply(instances, List.copyOf(partitions), channels,
                settings.markov() ? List.copyOf(markovPartitions) : null));
    }

    private ChannelsReply local(Set<Integer> partitions, Set<Integer> markovPartitions, QueryFilter filter) {
        List<ChannelTotalRecord> channels = new ArrayList<>(stores.localChannels(partitions));
        channels.addAll(stores.localMarkov(markovPartitions));
        return new ChannelsReply(List.of(stores.self()), List.copyOf(new TreeSet<>(partitions)),
                channels.stream().filter(c -> filter.matches(c.conversionType(), c.model())).sorted(ORDER).toList(),
                settings.markov() ? List.copyOf(new TreeSet<>(markovPartitions)) : null);
    }

    /** The other instance's own partitions, asked with the client's type and model. */
    private ChannelsReply remote(String instance, QueryRequest request) {
        Reply reply;
        try {
            reply = forwarding.get(instance, request.pathAndQuery(), stores.self());
        } catch (IOException e) {
            throw QueryProblem.unavailable("instance " + instance + " holding channel totals does not answer");
        }
        if (reply.status() != 200) {
            throw QueryProblem.unavailable("instance " + instance + " answered " + reply.status()
                    + " for its channel totals");
        }
        try {
            return Json.MAPPER.readValue(reply.body(), ChannelsReply.class);
        } catch (IOException e) {
            throw QueryProblem.unavailable("instance " + instance + " sent channel totals that cannot be read");
        }
    }
}
