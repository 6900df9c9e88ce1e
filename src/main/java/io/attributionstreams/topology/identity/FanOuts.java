package io.attributionstreams.topology.identity;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.GraphEvent.Link;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.identity.PendingFanOut.Mode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The links and unlinks an identity event causes, served a budget at a time: as much as the budget
 * allows while the event is processed (a small fan-out is done at once), the rest from the logged
 * {@code pending-fanouts} store by the punctuator, a budget per punctuation. So no record and no
 * punctuation writes more than about a budget of records, however many customers claim a number.
 *
 * <p>Why this converges: there is one fan-out per (identifier, side, subject), and every identity
 * event replaces the one of its subject with a fresh one from the first target. So a LINK fan-out
 * exists only while its subject is linked (the interaction carries the identifier, or the customer
 * claims it), an UNLINK one only while it is not, and serving reads the stores as they are then:
 * a link goes only to a live target and carries the current payload. Every event sent agrees with
 * the state when it is sent, and all events for one customer through one identifier leave this task
 * in order, to one partition; so the last one the customer step applies for an (identifier, customer,
 * interaction) is the final state. A link repeated is a no-op there, and so is an unlink of what was
 * never linked. That the last event comes at all: a LINK fan-out reaches every live target, since a
 * target that stays live stays in its scan; an UNLINK reaches also the targets that left meanwhile but
 * still owe it (see {@link TargetScan}).
 *
 * <p>The claimant cap (docs/contract.md §10) fits the same rule once "linked" means "and the
 * identifier is not capped": a LINK fan-out at a capped identifier is dropped when served, and the
 * identity step replaces the fan-outs of every claimant when the identifier crosses the cap either way
 * (UNLINK going over it, LINK coming back under it; see {@link IdentityGraph}).
 *
 * <p>Which fan-outs wait is kept in memory too, oldest first (a replaced one goes to the back): the
 * store is the truth, this is its index, rebuilt from it when the task starts.
 */
final class FanOuts {
    private final ProcessorContext<String, GraphEvent> context;
    private final KeyValueStore<String, Long> claims;
    private final KeyValueStore<String, Versioned<Interaction>> carriers;
    private final KeyValueStore<String, PendingFanOut> pending;
    private final ClaimCounts counts;
    private final IdentityEvents events;
    private final int budget;
    private final LinkedHashSet<String> waiting = new LinkedHashSet<>();

    FanOuts(ProcessorContext<String, GraphEvent> context, KeyValueStore<String, Long> claims,
            KeyValueStore<String, Versioned<Interaction>> carriers, KeyValueStore<String, PendingFanOut> pending,
            ClaimCounts counts, IdentityEvents events, int budget) {
        this.context = context;
        this.claims = claims;
        this.carriers = carriers;
        this.pending = pending;
        this.counts = counts;
        this.events = events;
        this.budget = budget;
        try (KeyValueIterator<String, PendingFanOut> all = pending.all()) {
            all.forEachRemaining(kv -> waiting.add(kv.key));
        }
    }

    /**
     * Replaces the fan-out of {@code key}'s subject at its identifier with a fresh one, and serves it
     * up to the budget; what is left waits for the punctuator.
     */
    void start(FanOutKey key, Mode mode, long revision, long timestamp) {
        String storeKey = key.storeKey();
        boolean replaced = waiting.remove(storeKey);
        Served served = serve(key, PendingFanOut.fresh(mode, revision, timestamp), budget);
        if (served.done()) {
            if (replaced) {
                pending.delete(storeKey);
            }
            finished(served);
        } else {
            pending.put(storeKey, served.fanOut());
            waiting.add(storeKey);
            events.fanOutDeferred();
        }
    }

    /**
     * Replaces the fan-out of {@code key}'s subject with a fresh one and leaves all of it to the
     * punctuator: for the many fan-outs one event starts at once (an identifier crossing the cap), so
     * that the record itself sends nothing more.
     */
    void defer(FanOutKey key, Mode mode, long revision, long timestamp) {
        String storeKey = key.storeKey();
        waiting.remove(storeKey);
        pending.put(storeKey, PendingFanOut.fresh(mode, revision, timestamp));
        waiting.add(storeKey);
        events.fanOutDeferred();
    }

    /** Drops the fan-out of {@code key}'s subject, if one waits: the caller knows it has nothing left to do. */
    void cancel(FanOutKey key) {
        String storeKey = key.storeKey();
        if (waiting.remove(storeKey)) {
            pending.delete(storeKey);
        }
    }

    /** Whether any fan-out of {@code side} waits at {@code identifier}. */
    boolean anyWaiting(String identifier, FanOutKey.Side side) {
        String prefix = FanOutKey.prefix(identifier, side);
        String to = prefix.substring(0, prefix.length() - 1) + (char) (Names.KEY_SEPARATOR + 1);
        try (KeyValueIterator<String, PendingFanOut> it = pending.range(prefix, to)) {
            return it.hasNext();
        }
    }

    /** Serves waiting fan-outs, oldest first, up to the budget. */
    void serveWaiting() {
        int left = budget;
        for (Iterator<String> it = waiting.iterator(); left > 0 && it.hasNext(); ) {
            String storeKey = it.next();
            PendingFanOut fanOut = pending.get(storeKey);
            if (fanOut == null) {
                it.remove(); // cannot happen: the index follows the store
                continue;
            }
            Served served = serve(FanOutKey.of(storeKey), fanOut, left);
            left -= served.targets();
            if (served.done()) {
                pending.delete(storeKey);
                it.remove();
                finished(served);
            } else {
                pending.put(storeKey, served.fanOut());
            }
        }
    }

    /**
     * What one serving did: the fan-out after it, how many targets it served, whether it is done, and
     * whether it was dropped undone (its subject is gone: the meter does not count it).
     */
    private record Served(PendingFanOut fanOut, int targets, boolean done, boolean dropped) {
    }

    private Served serve(FanOutKey key, PendingFanOut fanOut, int limit) {
        return key.side() == FanOutKey.Side.ATTACH ? toClaimants(key, fanOut, limit) : toCarried(key, fanOut, limit);
    }

    /** An interaction to (or away from) every customer claiming the identifier: an event each. */
    private Served toClaimants(FanOutKey key, PendingFanOut fanOut, int limit) {
        String identifier = key.identifier();
        boolean link = fanOut.mode() == Mode.LINK;
        List<Link> links;
        if (link && counts.capped(identifier)) {
            return new Served(fanOut, 0, true, true); // a capped identifier links nobody
        }
        if (link) {
            Versioned<Interaction> carried = carriers.get(Names.compositeKey(identifier, key.subject()));
            if (carried == null) {
                return new Served(fanOut, 0, true, true); // cannot happen: a detach replaces the fan-out
            }
            links = List.of(Link.to(carried.fact(), carried.revision()));
        } else {
            links = List.of(Link.away(key.subject(), fanOut.revision()));
        }
        String last = fanOut.servedUpTo();
        int sent = 0;
        try (TargetScan claimants = TargetScan.claimants(claims, link ? null : pending, identifier, last)) {
            while (sent < limit && claimants.hasNext()) {
                last = claimants.next().id();
                send(last, link ? GraphEvent.link(last, identifier, links) : GraphEvent.unlink(last, identifier, links),
                        fanOut.timestamp());
                sent++;
            }
            return new Served(fanOut.servedUpTo(last, sent), sent, !claimants.hasNext(), false);
        }
    }

    /** Every interaction carrying the identifier to (or away from) one customer, in batches. */
    private Served toCarried(FanOutKey key, PendingFanOut fanOut, int limit) {
        String identifier = key.identifier();
        String customerId = key.subject();
        boolean link = fanOut.mode() == Mode.LINK;
        if (link && claims.get(Names.compositeKey(identifier, customerId)) == null) {
            return new Served(fanOut, 0, true, true); // cannot happen: an unclaim replaces the fan-out
        }
        if (link && counts.capped(identifier)) {
            return new Served(fanOut, 0, true, true); // cannot happen: going over the cap replaces it
        }
        LinkBatch batch = new LinkBatch(customerId, identifier, links -> send(customerId,
                link ? GraphEvent.link(customerId, identifier, links) : GraphEvent.unlink(customerId, identifier, links),
                fanOut.timestamp()));
        String last = fanOut.servedUpTo();
        int sent = 0;
        try (TargetScan carried = TargetScan.carried(carriers, link ? null : pending, identifier, last)) {
            while (sent < limit && carried.hasNext()) {
                TargetScan.Target interaction = carried.next();
                batch.add(link ? Link.to(interaction.interaction(), interaction.revision())
                        : Link.away(interaction.id(), interaction.revision()));
                last = interaction.id();
                sent++;
            }
            batch.flush();
            return new Served(fanOut.servedUpTo(last, sent), sent, !carried.hasNext(), false);
        }
    }

    /** The fan-out meter hears of each link fan-out once it is complete: how many targets it reached. */
    private void finished(Served served) {
        if (served.fanOut().mode() == Mode.LINK && !served.dropped()) {
            events.fannedOut((int) Math.min(Integer.MAX_VALUE, served.fanOut().served()));
        }
    }

    private void send(String customerId, GraphEvent event, long timestamp) {
        context.forward(new Record<>(customerId, event, timestamp));
    }
}
