package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.topology.serde.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An endpoint whose answer is rows of every partition of one or more stores, whichever instance holds
 * each: {@code /channels}, {@code /campaigns}, {@code /months}, {@code /paths}. The instance asked gathers: its own active
 * partitions from its stores, each other instance's through a forwarded request that that instance
 * answers from its stores alone. The answer is whole or a 503: every instance must answer for exactly the
 * partitions the metadata gave it, in every store, or a row could be missing or counted twice.
 * A subclass says what it gathers ({@link Source}s, the order of the rows) and the form of its reply.
 *
 * @param <R> a row, as on its output topic
 * @param <B> the reply's body
 */
abstract class GatheringEndpoint<R, B> implements Endpoint {
    private final String path;
    private final String what;
    private final Class<B> bodyType;
    private final List<Source<R>> sources;
    private final Comparator<R> order;
    private final BiPredicate<QueryFilter, R> wanted;
    private final StoreView stores;
    private final Forwarding forwarding;
    private final AttributionSettings settings;

    /**
     * One store gathered: which instance holds which of its active partitions, and this instance's rows of some.
     *
     * @param plan each instance holding active partitions, with those partitions
     * @param local the rows of these partitions of this instance's active store
     */
    record Source<R>(Supplier<Map<String, Set<Integer>>> plan, Function<Set<Integer>, List<R>> local) {
    }

    /**
     * Rows gathered from some instances, or answered by one.
     *
     * @param partitions the partitions covered, of each {@link Source} in turn
     */
    record Gathered<R>(List<String> instances, List<List<Integer>> partitions, List<R> rows) {
    }

    /**
     * @param path the endpoint's path, {@code /channels}
     * @param what the rows, as the 503's messages name them: "channel totals"
     * @param wanted whether a row passes the request's type and model
     */
    GatheringEndpoint(String path, String what, Class<B> bodyType, List<Source<R>> sources, Comparator<R> order,
            BiPredicate<QueryFilter, R> wanted, StoreView stores, Forwarding forwarding, AttributionSettings settings) {
        this.path = path;
        this.what = what;
        this.bodyType = bodyType;
        this.sources = List.copyOf(sources);
        this.order = order;
        this.wanted = wanted;
        this.stores = stores;
        this.forwarding = forwarding;
        this.settings = settings;
    }

    /** The path this endpoint answers, {@code /channels}. */
    final String path() {
        return path;
    }

    /**
     * How many rows, the first in {@code order}, the answer keeps: all of them but where an endpoint answers
     * the top rows alone. Each instance then sends its own top rows only, which hold the top rows of all.
     */
    int limit(QueryRequest request) {
        return Integer.MAX_VALUE;
    }

    /** The rows asked for: by type and model, where every endpoint's rows have both. */
    QueryFilter filter(QueryRequest request, AttributionSettings settings) {
        return QueryFilter.of(request, settings);
    }

    /** The reply's body for rows gathered (or answered by this instance alone). */
    abstract B body(Gathered<R> gathered);

    /** The inverse of {@link #body}: what another instance answered, its partitions of each source in turn. */
    abstract Gathered<R> gathered(B body);

    @Override
    public final Reply answer(QueryRequest request) {
        if (!request.rawPath().replaceAll("/+$", "").equals(path)) {
            throw QueryProblem.notFound("no such endpoint; try " + path);
        }
        QueryFilter filter = filter(request, settings);
        int limit = limit(request);
        stores.requireRunning();
        // read once: the metadata can change while the instances are asked, which the check below catches
        List<Map<String, Set<Integer>>> plans = sources.stream()
                .map(source -> (Map<String, Set<Integer>>) new TreeMap<>(source.plan().get()))
                .toList();
        if (request.forwarded()) {
            // never forwarded on: if the partitions moved, the instance that asked sees it and answers 503
            return Reply.json(200, body(local(assignedTo(stores.self(), plans), filter, limit)));
        }
        if (plans.stream().anyMatch(Map::isEmpty)) {
            throw QueryProblem.unavailable("no instance holds the " + what + " yet");
        }
        Set<String> everyInstance = new TreeSet<>();
        plans.forEach(plan -> everyInstance.addAll(plan.keySet()));
        List<String> instances = new ArrayList<>();
        List<Set<Integer>> covered = sources.stream().map(source -> (Set<Integer>) new TreeSet<Integer>()).toList();
        List<R> rows = new ArrayList<>();
        for (String instance : everyInstance) {
            List<Set<Integer>> assigned = assignedTo(instance, plans);
            Gathered<R> part = instance.equals(stores.self()) ? local(assigned, filter, limit)
                    : remote(instance, request);
            if (!covers(part, assigned)) {
                throw QueryProblem.unavailable("the " + what + " moved between instances while being gathered");
            }
            instances.add(instance);
            for (int i = 0; i < sources.size(); i++) {
                covered.get(i).addAll(part.partitions().get(i));
            }
            rows.addAll(part.rows());
        }
        rows.sort(order);
        return Reply.json(200, body(new Gathered<>(instances, covered.stream().map(List::copyOf).toList(),
                rows.subList(0, Math.min(limit, rows.size())))));
    }

    /** The partitions of each source that the plans give {@code instance}. */
    private static List<Set<Integer>> assignedTo(String instance, List<Map<String, Set<Integer>>> plans) {
        return plans.stream().map(plan -> plan.getOrDefault(instance, Set.of())).toList();
    }

    /** Whether an instance answered for exactly the partitions it was assigned, of every source. */
    private boolean covers(Gathered<R> part, List<Set<Integer>> assigned) {
        if (part.partitions().size() != sources.size()) {
            return false;
        }
        for (int i = 0; i < sources.size(); i++) {
            if (!new TreeSet<>(part.partitions().get(i)).equals(new TreeSet<>(assigned.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** This instance's rows of these partitions of each source, filtered and in order. */
    private Gathered<R> local(List<Set<Integer>> partitions, QueryFilter filter, int limit) {
        List<R> rows = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            rows.addAll(sources.get(i).local().apply(partitions.get(i)));
        }
        return new Gathered<>(List.of(stores.self()),
                partitions.stream().map(p -> List.copyOf(new TreeSet<>(p))).toList(),
                rows.stream().filter(row -> wanted.test(filter, row)).sorted(order).limit(limit).toList());
    }

    /** The other instance's own partitions, asked with the client's type and model. */
    private Gathered<R> remote(String instance, QueryRequest request) {
        Reply reply;
        try {
            reply = forwarding.get(instance, request.pathAndQuery(), stores.self());
        } catch (IOException e) {
            throw QueryProblem.unavailable("instance " + instance + " holding " + what + " does not answer");
        }
        if (reply.status() != 200) {
            throw QueryProblem.unavailable("instance " + instance + " answered " + reply.status()
                    + " for its " + what);
        }
        try {
            return gathered(Json.MAPPER.readValue(reply.body(), bodyType));
        } catch (IOException e) {
            throw QueryProblem.unavailable("instance " + instance + " sent " + what + " that cannot be read");
        }
    }

    /** A list of a reply read from another instance, empty when the reply had none. */
    static <T> List<T> orEmpty(List<T> list) {
        return Objects.requireNonNullElse(list, List.of());
    }
}
