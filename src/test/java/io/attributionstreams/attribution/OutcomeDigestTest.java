package io.attributionstreams.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.facts.InteractionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The digest the engine compares answers by: equal outcomes agree, any changed field disagrees. */
class OutcomeDigestTest {
    private static final Instant AT = Instant.parse("2025-01-03T10:00:00Z");
    private static final CreditedTouchpoint T1 = new CreditedTouchpoint("I1", InteractionType.CALL, "tv", "spring",
            Instant.parse("2025-01-01T10:00:00Z"), new BigDecimal("0.5"), BigInteger.valueOf(4500));
    private static final CreditedTouchpoint T2 = new CreditedTouchpoint("I2", InteractionType.FORM, "web", null,
            Instant.parse("2025-01-02T10:00:00Z"), new BigDecimal("0.5"), BigInteger.valueOf(4500));
    private static final Outcome BASE = outcome(AT, 9000, List.of(T1, T2));

    @Test
    void equalOutcomesHaveEqualDigests() {
        Outcome same = outcome(Instant.parse("2025-01-03T10:00:00Z"), 9000, List.of(
                new CreditedTouchpoint("I1", InteractionType.CALL, "tv", "spring", T1.occurredAt(),
                        new BigDecimal("0.5"), BigInteger.valueOf(4500)), T2));
        assertThat(OutcomeDigest.of(same)).isEqualTo(OutcomeDigest.of(BASE)).hasSize(43);
    }

    @Test
    void everyFieldChangesTheDigest() {
        List<UnaryOperator<CreditedTouchpoint>> touchpointChanges = List.of(
                t -> new CreditedTouchpoint("I9", t.type(), t.channel(), t.campaign(), t.occurredAt(), t.credit(),
                        t.revenueCents()),
                t -> new CreditedTouchpoint(t.interactionId(), InteractionType.SMS, t.channel(), t.campaign(),
                        t.occurredAt(), t.credit(), t.revenueCents()),
                t -> new CreditedTouchpoint(t.interactionId(), t.type(), "radio", t.campaign(), t.occurredAt(),
                        t.credit(), t.revenueCents()),
                t -> new CreditedTouchpoint(t.interactionId(), t.type(), t.channel(), null, t.occurredAt(),
                        t.credit(), t.revenueCents()),
                t -> new CreditedTouchpoint(t.interactionId(), t.type(), t.channel(), t.campaign(),
                        t.occurredAt().plusSeconds(1), t.credit(), t.revenueCents()),
                t -> new CreditedTouchpoint(t.interactionId(), t.type(), t.channel(), t.campaign(), t.occurredAt(),
                        new BigDecimal("0.4999999999999999999999999999999999"), t.revenueCents()),
                t -> new CreditedTouchpoint(t.interactionId(), t.type(), t.channel(), t.campaign(), t.occurredAt(),
                        t.credit(), t.revenueCents().add(BigInteger.ONE)));
        Set<String> digests = new HashSet<>();
        digests.add(OutcomeDigest.of(BASE));
        digests.add(OutcomeDigest.of(outcome(null, 9000, List.of(T1, T2))));
        digests.add(OutcomeDigest.of(outcome(AT, 9001, List.of(T1, T2))));
        digests.add(OutcomeDigest.of(outcome(AT, 9000, List.of(T2, T1))));
        digests.add(OutcomeDigest.of(outcome(AT, 9000, List.of(T1))));
        digests.add(OutcomeDigest.of(outcome(AT, 9000, List.of())));
        for (UnaryOperator<CreditedTouchpoint> change : touchpointChanges) {
            digests.add(OutcomeDigest.of(outcome(AT, 9000, List.of(change.apply(T1), T2))));
        }
        assertThat(digests).hasSize(6 + touchpointChanges.size());
    }

    @Test
    void fieldBoundariesCannotShift() {
        CreditedTouchpoint a = new CreditedTouchpoint("I1", InteractionType.CALL, "tv", "x", T1.occurredAt(),
                BigDecimal.ONE, BigInteger.ZERO);
        CreditedTouchpoint b = new CreditedTouchpoint("I1", InteractionType.CALL, "tvx", "", T1.occurredAt(),
                BigDecimal.ONE, BigInteger.ZERO);
        assertThat(OutcomeDigest.of(outcome(AT, 0, List.of(a)))).isNotEqualTo(OutcomeDigest.of(outcome(AT, 0, List.of(b))));
    }

    private static Outcome outcome(Instant at, long revenue, List<CreditedTouchpoint> touchpoints) {
        return new Outcome("C1", ConversionType.FIRST_PAID, "daily_split", at, BigInteger.valueOf(revenue),
                touchpoints, touchpoints.isEmpty() ? null : touchpoints.get(0).occurredAt());
    }
}
