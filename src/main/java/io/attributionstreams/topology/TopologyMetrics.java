package io.attributionstreams.topology;

import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.normalise.NormalisationCounters;
import io.attributionstreams.topology.attribution.AttributionEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The engine's own meters, with stable names (documented in the README): identifiers dropped in
 * normalisation, identity fan-out, updates, restatements and tombstones per type and model.
 */
public final class TopologyMetrics {
    private final MeterRegistry registry;
    private final DistributionSummary fanOut;
    private final Counter invalidPhones;
    private final Counter invalidEmails;

    public TopologyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.fanOut = DistributionSummary.builder("attribution.identity.fanout")
                .description("link events caused by one identity event: customers per identifier, or interactions "
                        + "waiting at a newly claimed identifier")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.invalidPhones = Counter.builder("attribution.normalise.invalid")
                .description("identifiers ignored because they are not valid").tag("identifier", "phone")
                .register(registry);
        this.invalidEmails = Counter.builder("attribution.normalise.invalid")
                .description("identifiers ignored because they are not valid").tag("identifier", "email")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void fanOut(int links) {
        fanOut.record(links);
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
        };
    }

    public AttributionEvents attribution() {
        return new AttributionEvents() {
            @Override
            public void updated(Outcome outcome, boolean restatement) {
                counter("attribution.updates", outcome).increment();
                if (restatement) {
                    counter("attribution.restatements", outcome).increment();
                }
            }

            @Override
            public void retracted(Outcome previous) {
                counter("attribution.tombstones", previous).increment();
            }
        };
    }

    private Counter counter(String name, Outcome outcome) {
        return Counter.builder(name).tag("type", outcome.type().name()).tag("model", outcome.model())
                .register(registry);
    }
}
