package io.attributionstreams.batch;

import io.attributionstreams.attribution.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the batch engine hands each customer's attributed outcomes. Rendering runs on the worker
 * that computed the customer (in parallel); writing runs in output order.
 *
 * @param <T> what one customer's outcomes become (CSV text, a list, ...)
 */
public interface OutcomeSink<T> {

    /** Turns one customer's outcomes (already in output order, never empty) into what is written. Thread-safe. */
    T render(List<Outcome> outcomes);

    /** Takes rendered customers one at a time, in output order. */
    void write(T rendered);

    /** A sink that keeps every outcome in memory, for tests and small inputs. */
    static OutcomeSink<List<Outcome>> collectInto(List<Outcome> target) {
        return new OutcomeSink<>() {
            @Override
            public List<Outcome> render(List<Outcome> outcomes) {
                return outcomes;
            }

            @Override
            public void write(List<Outcome> rendered) {
                target.addAll(rendered);
            }
        };
    }

    /** Every outcome written, in order. */
    static List<Outcome> collect(java.util.function.Consumer<OutcomeSink<List<Outcome>>> run) {
        List<Outcome> all = new ArrayList<>();
        run.accept(collectInto(all));
        return all;
    }
}
