package io.attributionstreams.topology.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogBudgetTest {

    /** Three lines a window, the rest held back and counted, and the count told by the first line of the next. */
    @Test
    void holdsBackPastTheBudgetAndCountsWhatItHeld() {
        long[] now = {1_000};
        LogBudget budget = new LogBudget(3, 60, () -> now[0]);
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        for (int i = 0; i < 1_000; i++) {
            assertThat(budget.take()).isEqualTo(LogBudget.HOLD);
        }
        now[0] += 59;
        assertThat(budget.take()).as("still the same window").isEqualTo(LogBudget.HOLD);
        now[0] += 1;
        assertThat(budget.take()).as("a new window: the line tells what was held").isEqualTo(1_001);
        assertThat(budget.take()).as("told once").isZero();
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isEqualTo(LogBudget.HOLD);
        now[0] += 600;
        assertThat(budget.take()).isEqualTo(1);
    }
}
