package io.attributionstreams.testsupport;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.facts.Payment;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Normalised facts with any text (control characters, surrogates, empty), any time from 1811 to 2128 to the
 * nanosecond, and optional fields absent a third of the time: what the binary serdes' property tests feed.
 */
public final class FactArbitraries {
    private FactArbitraries() {
    }

    public static Arbitrary<String> texts() {
        return Arbitraries.strings().ofMaxLength(40);
    }

    public static Arbitrary<String> optionalTexts() {
        return texts().injectNull(0.3);
    }

    public static Arbitrary<Instant> times() {
        return Arbitraries.longs().between(-5_000_000_000L, 5_000_000_000L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    }

    public static Arbitrary<Interaction> interactions() {
        return Combinators.combine(texts(), Arbitraries.of(InteractionType.class), times(), texts(), optionalTexts(),
                optionalTexts(), optionalTexts(), optionalTexts()).as(Interaction::new);
    }

    public static Arbitrary<Appointment> appointments() {
        return Combinators.combine(texts(), optionalTexts(), times().injectNull(0.2), times().injectNull(0.5))
                .as(Appointment::new);
    }

    public static Arbitrary<Payment> payments() {
        return Combinators.combine(texts(), optionalTexts(), times().injectNull(0.2), Arbitraries.longs())
                .as(Payment::new);
    }
}
