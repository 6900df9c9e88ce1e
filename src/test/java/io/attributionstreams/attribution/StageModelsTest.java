package io.attributionstreams.attribution;

import static io.attributionstreams.testsupport.Facts.appointment;
import static io.attributionstreams.testsupport.Facts.day;
import static io.attributionstreams.testsupport.Facts.payment;
import static io.attributionstreams.testsupport.Facts.touch;
import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Interaction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/contract.md §13 for w_shaped and full_path, through the per-customer core. */
class StageModelsTest {
    private static final MathContext TWELVE = new MathContext(12);

    /** Touchpoints on days 0, 1, ... n-1, paid on day 30. */
    private static List<Interaction> touchpoints(int n) {
        List<Interaction> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(touch("I" + i, day(i), "ch" + i));
        }
        return list;
    }

    private static List<String> credits(String model, ConversionType type, List<Interaction> touchpoints,
            List<Appointment> appointments) {
        AttributionSettings settings = AttributionSettings.defaults()
                .withModels(CreditModels.named(List.of(model))).withTypes(List.of(type));
        List<Outcome> outcomes = new CustomerAttributor(settings).attribute(new CustomerFacts("C1", touchpoints,
                appointments, List.of(payment("P1", day(30), 10_000))));
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0).touchpoints().stream()
                .map(t -> t.credit().round(TWELVE).stripTrailingZeros().toPlainString()).toList();
    }

    private static List<String> paid(String model, List<Interaction> touchpoints, List<Appointment> appointments) {
        return credits(model, ConversionType.FIRST_PAID, touchpoints, appointments);
    }

    @Test
    void wShapedWithOneTouchpointGivesItEverything() {
        assertThat(paid("w_shaped", touchpoints(1), List.of())).containsExactly("1");
    }

    @Test
    void wShapedWithTwoTouchpointsAndNoBookingSplitsEqually() {
        assertThat(paid("w_shaped", touchpoints(2), List.of())).containsExactly("0.5", "0.5");
    }

    @Test
    void wShapedBookingOnTheFirstTouchpointAddsUp() {
        // booked on day 0.5: the last touchpoint at or before it is t1, which holds first and booking
        List<String> credits = paid("w_shaped", touchpoints(2), List.of(appointment("A1", day(0.5), null)));
        assertThat(credits).containsExactly(third(2), third(1));
    }

    @Test
    void wShapedFourTouchpointsWithTheBookingOnTheSecond() {
        List<String> credits = paid("w_shaped", touchpoints(4), List.of(appointment("A1", day(1.5), null)));
        assertThat(credits).containsExactly("0.3", "0.3", "0.1", "0.3");
    }

    @Test
    void wShapedWithoutBookingGivesItsWeightToFirstAndLast() {
        // first and last 0.3 + 0.15 each, the 0.1 to the two between
        assertThat(paid("w_shaped", touchpoints(4), List.of())).containsExactly("0.45", "0.05", "0.05", "0.45");
    }

    @Test
    void aBookingAfterTheConversionIsNoMilestone() {
        // booked on day 40, paid on day 30: not a milestone of FIRST_PAID
        assertThat(paid("w_shaped", touchpoints(4), List.of(appointment("A1", day(40), null))))
                .containsExactly("0.45", "0.05", "0.05", "0.45");
    }

    @Test
    void firstContactHasNoStageMilestones() {
        List<String> credits = credits("w_shaped", ConversionType.FIRST_CONTACT, touchpoints(4),
                List.of(appointment("A1", day(1.5), day(2.5))));
        assertThat(credits).containsExactly("0.45", "0.05", "0.05", "0.45");
    }

    @Test
    void fullPathWithBookingAndAttendanceOnTheirOwnTouchpoints() {
        // booked on day 1.5 (t2), attended on day 2.5 (t3): four milestones 0.225 each, 0.1 to t5
        List<String> credits = paid("full_path", touchpoints(5), List.of(appointment("A1", day(1.5), day(2.5))));
        assertThat(credits).containsExactly("0.225", "0.225", "0.225", "0.1", "0.225");
    }

    @Test
    void fullPathMissingAttendanceSharesItsWeight() {
        // three milestones (first, booking t2, last) 0.3 each, 0.1 to t3: what w_shaped gives
        List<String> credits = paid("full_path", touchpoints(4), List.of(appointment("A1", day(1.5), null)));
        assertThat(credits).containsExactly("0.3", "0.3", "0.1", "0.3");
    }

    @Test
    void fullPathWhenEveryTouchpointHoldsAMilestoneSplitsTheRestAmongMilestones() {
        // three touchpoints, booking on t2 and attendance on t2: milestones first, booking, attendance, last;
        // 0.225 + 0.025 each: t1 = 0.25, t2 = 0.5, t3 = 0.25
        List<String> credits = paid("full_path", touchpoints(3), List.of(appointment("A1", day(1.2), day(1.5))));
        assertThat(credits).containsExactly("0.25", "0.5", "0.25");
    }

    @Test
    void aMilestoneBeforeEveryTouchpointDoesNotExist() {
        // booked before the first touchpoint: no touchpoint at or before it
        List<String> credits = paid("w_shaped", touchpoints(3), List.of(appointment("A1", day(-1), null)));
        assertThat(credits).containsExactly("0.45", "0.1", "0.45");
    }

    private static String third(int n) {
        return new BigDecimal(n).divide(new BigDecimal(3), TWELVE).stripTrailingZeros().toPlainString();
    }
}
