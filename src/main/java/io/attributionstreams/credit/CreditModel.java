package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.util.List;

/**
 * One weight rule of docs/contract.md §5. Implementations are stateless and found through
 * {@link java.util.ServiceLoader}: a new model is one class and one line in
 * {@code META-INF/services}, and nothing else changes.
 */
public interface CreditModel {

    /** The name used in options, outputs and topic keys, e.g. {@code daily_split}. */
    String name();

    /**
     * A weight for each touchpoint, in the order given (by {@code occurred_at}, then
     * {@code interaction_id}). Weights are non-negative, not all zero, and need not sum to one:
     * the caller normalises them.
     *
     * @param touchpoints the crediting touchpoints, never empty
     */
    List<Fraction> weights(List<Interaction> touchpoints, CreditContext context);
}
