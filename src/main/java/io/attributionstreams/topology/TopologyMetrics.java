package io.attributionstreams.topology;

import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.normalise.NormalisationCounters;
import io.attributionstreams.topology.attribution.AttributionEvents;
import io.attributionstreams.topology.identity.IdentityEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The engine's own meters, with stable names (docs/operations.md's metrics table lists each): facts read
 * per input topic, identifiers dropped in normalisation, identity fan-out, deferred fan-outs and hot
 * identifiers, touchpoints per recomputed customer, updates, restatements and tombstones per type and
 * model, and the latency from an input record to the update it caused. No tag ever holds an identifier or a
 * customer id: tags are topics, types, models and kinds, so the series stay few and free of personal data.
 */
public final class TopologyMetrics {
    public static final String FACTS_IN = "attribution.facts.in";
    public static final String FAN_OUT = "attribution.identity.fanout";
    public static final String FAN_OUT_DEFERRED = "attribution.identity.fanout.deferred";
    public static final String HOT_IDENTIFIERS = "attribution.identity.hot";
    public static final String CAPPED = "attribution.identity.capped";
    public static final String UNCAPPED = "attribution.identity.uncapped";
    public static final String TOUCHPOINTS = "attribution.customer.touchpoints";
    public static final String LATENCY = "attribution.update.latency";
    public static final String DEFERRED = "attribution.recomputes.deferred";
    public static final String ERASURE_REQUESTS = "attribution.erasure.requests";
    public static final String ERASURE_SUPPRESSED = "attribution.erasure.suppressed";

    /** Claimants an identifier may have before it counts as hot, unless configured otherwise. */
    public static final int DEFAULT_HOT_IDENTIFIER_THRESHOLD = 100;

    /**
     * Latency bucket bounds. Prometheus' histogram type carries buckets, not client-side percentiles,
     * so p50/p95/p99 come from {@code histogram_quantile} over these; unlike percentiles they add up
     * across instances. 200 ms (issue 6's p99 target) is a bound, so the share under it is exact.
     */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final int hotThreshold;
    private final Map<String, Counter> factsIn;
    private final DistributionSummary fanOut;
    private final Counter fanOutDeferred;
    private final Counter hotIdentifiers;
    private final Counter capped;
    private final Counter uncapped;
    private final DistributionSummary touchpoints;
    private final Timer latency;
    private final Counter deferred;
    private final Counter invalidPhones;
    private final Counter invalidEmails;
    private final Counter blocked;
    private final Counter erasureRequests;
    private final Counter suppressedFacts;

    public TopologyMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_HOT_IDENTIFIER_THRESHOLD);
    }

    /** @param hotThreshold claimants an identifier may have before it counts as hot */
    public TopologyMetrics(MeterRegistry registry, int hotThreshold) {
        if (hotThreshold < 1) {
            throw new IllegalArgumentException("the hot identifier threshold must be at least 1, got " + hotThreshold);
        }
        this.registry = registry;
        this.hotThreshold = hotThreshold;
        // registered up front, so a dashboard shows a rate of 0 for a quiet topic rather than no data
        this.factsIn = Names.INPUT_TOPICS.stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), topic -> Counter.builder(FACTS_IN)
                        .description("records read from an input topic, bad ones included").tag("topic", topic)
                        .register(registry)));
        this.fanOut = DistributionSummary.builder(FAN_OUT)
                .description("link events caused by one identity event: customers per identifier, or interactions "
                        + "waiting at a newly claimed identifier")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.fanOutDeferred = Counter.builder(FAN_OUT_DEFERRED)
                .description("identity events whose fan-out went over attribution.fanout.budget: the rest was "
                        + "sent later, a budget per attribution.fanout.interval")
                .register(registry);
        this.hotIdentifiers = Counter.builder(HOT_IDENTIFIERS)
                .description("times an identifier gained more claiming customers than "
                        + "attribution.metrics.hot-identifier-threshold")
                .register(registry);
        this.capped = Counter.builder(CAPPED)
                .description("times an identifier gained more claiming customers than attribution.identity.max-claimants "
                        + "allows, so that it links none of them")
                .register(registry);
        this.uncapped = Counter.builder(UNCAPPED)
                .description("times a capped identifier came back to attribution.identity.max-claimants claimants or "
                        + "fewer, so that it links them again")
                .register(registry);
        this.touchpoints = DistributionSummary.builder(TOUCHPOINTS)
                .description("touchpoints of an existing customer whose answers were recomputed")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.latency = Timer.builder(LATENCY)
                .description("from the timestamp of the input record to the attribution-updates record it caused")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        this.deferred = Counter.builder(DEFERRED)
                .description("changes to a customer with many touchpoints that waited for its recompute pace "
                        + "(attribution.recompute.per-touchpoint) and were recomputed together with later ones")
                .register(registry);
        this.invalidPhones = Counter.builder("attribution.normalise.invalid")
                .description("identifiers ignored because they are not valid").tag("identifier", "phone")
                .register(registry);
        this.invalidEmails = Counter.builder("attribution.normalise.invalid")
                .description("identifiers ignored because they are not valid").tag("identifier", "email")
                .register(registry);
        this.blocked = Counter.builder("attribution.normalise.blocked")
                .description("phones and emails ignored because attribution.identity.blocked-file lists them")
                .register(registry);
        this.erasureRequests = Counter.builder(ERASURE_REQUESTS)
                .description("erasure requests read from attribution-erasures, dead-lettered ones included")
                .register(registry);
        this.suppressedFacts = Counter.builder(ERASURE_SUPPRESSED)
                .description("facts dropped because nothing but erased subjects was left of them: on arrival, or "
                        + "when an erasure reached a fact kept from before it")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one record read from {@code topic}, one of the four input topics. */
    public Runnable factIn(String topic) {
        Counter counter = factsIn.get(topic);
        if (counter == null) {
            throw new IllegalArgumentException("not an input topic: " + topic);
        }
        return counter::increment;
    }

    public NormalisationCounters normalisation() {
        return new NormalisationCounters() {
            @Override
            public void invalidPhone() {
                invalidPhones.increment();
            }

            @Override
            public void invalidEmail() {
                invalidEmails.increment();
            }

            @Override
            public void blockedIdentifier() {
                blocked.increment();
            }

            @Override
            public void suppressedFact() {
                suppressedFacts.increment();
            }
        };
    }

    /** Counts one erasure request read. */
    public Runnable erasureRequest() {
        return erasureRequests::increment;
    }

    /** Counts one fact kept from before an erasure and dropped by it. */
    public Runnable factSuppressed() {
        return suppressedFacts::increment;
    }

    public IdentityEvents identity() {
        return new IdentityEvents() {
            @Override
            public void fannedOut(int links) {
                fanOut.record(links);
            }

            @Override
            public void fanOutDeferred() {
                fanOutDeferred.increment();
            }

            @Override
            public int hotThreshold() {
                return hotThreshold;
            }

            @Override
            public void becameHot() {
                hotIdentifiers.increment();
            }

            @Override
            public void becameCapped() {
                capped.increment();
            }

            @Override
            public void becameUncapped() {
                uncapped.increment();
            }
        };
    }

    public AttributionEvents attribution() {
        return new AttributionEvents() {
            @Override
            public void recomputed(int customerTouchpoints) {
                touchpoints.record(customerTouchpoints);
            }

            @Override
            public void deferred() {
                deferred.increment();
            }

            @Override
            public void updated(Outcome outcome, boolean restatement) {
                counter("attribution.updates", outcome).increment();
                if (restatement) {
                    counter("attribution.restatements", outcome).increment();
                }
            }

            @Override
            public void retracted(ConversionType type, String model) {
                counter("attribution.tombstones", type, model).increment();
            }

            @Override
            public void written(long millisSinceInput) {
                // a producer clock ahead of ours would give a negative figure, which a timer drops;
                // counted as 0 so that the timer's count stays the number of records written
                latency.record(Math.max(0, millisSinceInput), TimeUnit.MILLISECONDS);
            }
        };
    }

    private Counter counter(String name, Outcome outcome) {
        return counter(name, outcome.type(), outcome.model());
    }

    private Counter counter(String name, ConversionType type, String model) {
        return Counter.builder(name).tag("type", type.name()).tag("model", model).register(registry);
    }
}
