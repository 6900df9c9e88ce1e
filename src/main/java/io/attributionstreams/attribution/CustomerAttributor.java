package io.attributionstreams.attribution;

import io.attributionstreams.conversion.Conversion;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditContext;
import io.attributionstreams.credit.CreditModel;
import io.attributionstreams.credit.Fraction;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.markov.Journey;
import io.attributionstreams.revenue.LargestRemainder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One customer's attribution from that customer's facts alone (docs/contract.md §4 to §6). The
 * batch engine calls it for every customer; the streaming topology calls it for each customer
 * whose facts changed. Pure and deterministic: the order of the facts given does not matter.
 */
public final class CustomerAttributor {
    /** Touchpoint order of the contract: by time, then by id. */
    public static final Comparator<Interaction> TOUCHPOINT_ORDER = CustomerAttributor::compareTouchpoints;

    /** Exact models give the same few credits (1/2, 1/3, 2/5 ...) millions of times: divide each once. */
    private static final ConcurrentHashMap<Fraction, BigDecimal> DECIMALS = new ConcurrentHashMap<>();
    private static final int MAX_DECIMALS = 50_000;

    private final AttributionSettings settings;

    /**
     * By time, then id; written out rather than composed from key extractors: sorting each customer's
     * touchpoints through the composed comparator had been a third of the attribution's samples in a warm
     * batch run.
     */
    private static int compareTouchpoints(Interaction a, Interaction b) {
        int byTime = a.occurredAt().compareTo(b.occurredAt());
        return byTime != 0 ? byTime : a.interactionId().compareTo(b.interactionId());
    }

    public CustomerAttributor(AttributionSettings settings) {
        this.settings = settings;
    }

    public AttributionSettings settings() {
        return settings;
    }

    /** The outcomes of every configured (type, model) the customer has converted for, in settings order. */
    public List<Outcome> attribute(CustomerFacts facts) {
        return answer(facts).outcomes();
    }

    /**
     * The customer's outcomes and, when the {@code markov} model runs, its path for each configured type
     * (docs/contract.md §14).
     */
    public Answer answer(CustomerFacts facts) {
        List<Interaction> touchpoints = new ArrayList<>(facts.touchpoints());
        touchpoints.sort(TOUCHPOINT_ORDER);
        BigInteger revenue = revenue(facts.payments());
        boolean hasTouchpoints = !touchpoints.isEmpty();
        Instant bookedAt = conversionTime(ConversionType.FIRST_BOOKED, facts);
        Instant attendedAt = conversionTime(ConversionType.FIRST_ATTENDED, facts);
        List<Outcome> outcomes = new ArrayList<>();
        List<Journey> journeys = new ArrayList<>();
        for (ConversionType type : settings.types()) {
            Optional<Conversion> conversion =
                    Conversion.of(type, hasTouchpoints, facts.appointments(), facts.payments());
            if (conversion.isEmpty()) {
                if (settings.markov() && hasTouchpoints) {
                    // a path that does not convert is every touchpoint, as it is: no lookback, no transforms
                    journeys.add(Journey.of(type, channels(touchpoints), false, revenue));
                }
                continue;
            }
            Instant at = conversion.get().at();
            List<Interaction> crediting = settings.pathTransforms().apply(crediting(touchpoints, at));
            if (hasTouchpoints) {
                // only customers with a touchpoint have a path; one left with no crediting touchpoint (the
                // lookback, a transform) goes straight from (start) to (conversion)
                journeys.add(Journey.of(type, channels(crediting), true, revenue));
            }
            CreditContext context = new CreditContext(at, settings.zone(), settings.halfLife(),
                    milestone(bookedAt, at), milestone(attendedAt, at));
            for (CreditModel model : settings.models()) {
                outcomes.add(new Outcome(facts.customerId(), type, model.name(), at, revenue,
                        credit(model, crediting, context, revenue),
                        crediting.isEmpty() ? null : crediting.get(0).occurredAt()));
            }
        }
        return new Answer(outcomes, journeys);
    }

    /**
     * A customer's outcomes, and its paths: the converted ones for the path summary (docs/contract.md §15), and
     * when the Markov model runs the others too (§14).
     */
    public record Answer(List<Outcome> outcomes, List<Journey> journeys) {
    }

    private static Instant conversionTime(ConversionType type, CustomerFacts facts) {
        return Conversion.of(type, false, facts.appointments(), facts.payments()).map(Conversion::at).orElse(null);
    }

    /** A stage's time counts as a milestone of a conversion at {@code at} when it is at or before it (§13). */
    private static Instant milestone(Instant stageAt, Instant at) {
        return stageAt == null || at == null || stageAt.isAfter(at) ? null : stageAt;
    }

    private static List<String> channels(List<Interaction> touchpoints) {
        List<String> channels = new ArrayList<>(touchpoints.size());
        for (Interaction t : touchpoints) {
            channels.add(t.channel());
        }
        return channels;
    }

    /** The sum of the payments, exact however many there are: in a long while it fits, then in a BigInteger. */
    static BigInteger revenue(Collection<Payment> payments) {
        long sum = 0;
        BigInteger big = null;
        for (Payment p : payments) {
            if (big != null) {
                big = big.add(BigInteger.valueOf(p.amountCents()));
                continue;
            }
            long next = sum + p.amountCents();
            if (((sum ^ next) & (p.amountCents() ^ next)) < 0) { // overflow: the signs tell
                big = BigInteger.valueOf(sum).add(BigInteger.valueOf(p.amountCents()));
            } else {
                sum = next;
            }
        }
        return big != null ? big : BigInteger.valueOf(sum);
    }

    private List<Interaction> crediting(List<Interaction> ordered, Instant conversionAt) {
        if (conversionAt == null) {
            return ordered;
        }
        Instant earliest = settings.lookback() == null ? null : conversionAt.minus(settings.lookback());
        List<Interaction> crediting = new ArrayList<>(ordered.size());
        for (Interaction t : ordered) {
            if (t.occurredAt().isAfter(conversionAt)) {
                break;
            }
            if (earliest == null || !t.occurredAt().isBefore(earliest)) {
                crediting.add(t);
            }
        }
        return crediting;
    }

    private static BigDecimal decimal(Fraction credit) {
        if (credit.denominator().bitLength() > 31) {
            return credit.toBigDecimal(Outcome.CREDIT_PRECISION);
        }
        BigDecimal cached = DECIMALS.get(credit);
        if (cached == null) {
            if (DECIMALS.size() >= MAX_DECIMALS) {
                DECIMALS.clear();
            }
            cached = credit.toBigDecimal(Outcome.CREDIT_PRECISION);
            DECIMALS.put(credit, cached);
        }
        return cached;
    }

    private List<CreditedTouchpoint> credit(CreditModel model, List<Interaction> crediting, CreditContext context,
            BigInteger revenue) {
        if (crediting.isEmpty()) {
            return List.of();
        }
        List<Fraction> weights = model.weights(crediting, context);
        Fraction sum = Fraction.ZERO;
        for (Fraction w : weights) {
            sum = sum.add(w);
        }
        List<Fraction> credits = new ArrayList<>(weights.size());
        for (Fraction w : weights) {
            credits.add(w.divide(sum));
        }
        BigInteger[] cents = LargestRemainder.allocate(credits, revenue);
        List<CreditedTouchpoint> credited = new ArrayList<>(crediting.size());
        for (int i = 0; i < crediting.size(); i++) {
            if (credits.get(i).signum() == 0) {
                continue;
            }
            Interaction t = crediting.get(i);
            credited.add(new CreditedTouchpoint(t.interactionId(), t.type(), t.channel(), t.campaign(),
                    t.occurredAt(), decimal(credits.get(i)), cents[i]));
        }
        return credited;
    }
}
