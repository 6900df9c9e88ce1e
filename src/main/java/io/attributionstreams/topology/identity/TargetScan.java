package io.attributionstreams.topology.identity;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.events.Versioned;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The targets of a fan-out at one identifier after its cursor, in store order (the UTF-8 byte order
 * of their ids): the live rows of a store, and for an unlink also the subjects of the other side's
 * pending fan-outs, merged into one ordered scan without repeats.
 *
 * <p>Why an unlink needs the second source: a customer who unclaims the identifier is gone from
 * {@code identity-claims} at once, but the interactions that reach it through the identifier are
 * unlinked only as its fan-out proceeds. An interaction detaching meanwhile must still unlink that
 * customer, who is no longer a claimant; its pending fan-out still names it. The same holds the other
 * way round. A target unlinked twice is no harm: an unlink of what a customer does not hold is a no-op.
 */
final class TargetScan implements Iterator<TargetScan.Target>, AutoCloseable {

    /** A customer claiming the identifier, or an interaction carrying it (no payload: it is detaching). */
    record Target(String id, long revision, Interaction interaction) {
    }

    private final Source<?> live;
    private final Source<?> pending;

    private TargetScan(Source<?> live, Source<?> pending) {
        this.live = live;
        this.pending = pending;
    }

    /** The customers claiming {@code identifier} after {@code cursor}; with {@code pending}, also those unclaiming it. */
    static TargetScan claimants(KeyValueStore<String, Long> claims, KeyValueStore<String, PendingFanOut> pending,
            String identifier, String cursor) {
        return new TargetScan(new Source<>(claims, Names.prefixOf(identifier), cursor,
                (id, revision) -> new Target(id, revision, null)),
                pending == null ? null : new Source<>(pending, FanOutKey.prefix(identifier, FanOutKey.Side.CLAIM),
                        cursor, (id, fanOut) -> new Target(id, fanOut.revision(), null)));
    }

    /** The interactions carrying {@code identifier} after {@code cursor}; with {@code pending}, also those detaching. */
    static TargetScan carried(KeyValueStore<String, Versioned<Interaction>> carriers,
            KeyValueStore<String, PendingFanOut> pending, String identifier, String cursor) {
        return new TargetScan(new Source<>(carriers, Names.prefixOf(identifier), cursor,
                (id, carried) -> new Target(id, carried.revision(), carried.fact())),
                pending == null ? null : new Source<>(pending, FanOutKey.prefix(identifier, FanOutKey.Side.ATTACH),
                        cursor, (id, fanOut) -> new Target(id, fanOut.revision(), null)));
    }

    @Override
    public boolean hasNext() {
        return live.peek() != null || (pending != null && pending.peek() != null);
    }

    /** The next target in id order; a live row before a pending fan-out of the same id, which it then skips. */
    @Override
    public Target next() {
        Target fromLive = live.peek();
        Target fromPending = pending == null ? null : pending.peek();
        if (fromPending == null) {
            if (fromLive == null) {
                throw new NoSuchElementException();
            }
            return live.take();
        }
        int order = fromLive == null ? 1 : Utf8Order.compare(fromLive.id(), fromPending.id());
        if (order > 0) {
            return pending.take();
        }
        if (order == 0) {
            pending.take();
        }
        return live.take();
    }

    @Override
    public void close() {
        live.close();
        if (pending != null) {
            pending.close();
        }
    }

    /** One store's keys under a prefix, after the cursor, as targets, with one of look-ahead. */
    private static final class Source<V> implements AutoCloseable {
        private final KeyValueIterator<String, V> rows;
        private final int prefixLength;
        private final BiFunction<String, V, Target> target;
        private Target next;

        Source(KeyValueStore<String, V> store, String prefix, String cursor, BiFunction<String, V, Target> target) {
            // a key is prefix + id and no id holds the separator: prefix + cursor + separator is the
            // smallest key after the cursor's, and every key under the prefix sorts below the prefix
            // with its last character (the separator) raised by one
            String from = cursor == null ? prefix : prefix + cursor + Names.KEY_SEPARATOR;
            String to = prefix.substring(0, prefix.length() - 1) + (char) (Names.KEY_SEPARATOR + 1);
            this.rows = store.range(from, to);
            this.prefixLength = prefix.length();
            this.target = target;
        }

        Target peek() {
            if (next == null && rows.hasNext()) {
                KeyValue<String, V> row = rows.next();
                next = target.apply(row.key.substring(prefixLength), row.value);
            }
            return next;
        }

        Target take() {
            Target taken = peek();
            next = null;
            return taken;
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
