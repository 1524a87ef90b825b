package dev.strata.adapter.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void budget_allowsTheSavedBurst_thenAboutTheRatioOfCalls() {
        RetryBudget budget = new RetryBudget(0.1, 10);
        int retries = 0;
        for (int call = 0; call < 1_000; call++) {
            budget.earn();
            if (budget.trySpend()) {
                retries++;
            }
        }
        assertThat(retries).isBetween(100, 110);
    }

    @Test
    void budget_ofZero_allowsOnlyTheSavedBurst() {
        RetryBudget budget = new RetryBudget(0, 3);
        IntStream.range(0, 100).forEach(i -> budget.earn());
        assertThat(IntStream.range(0, 10).filter(i -> budget.trySpend()).count()).isEqualTo(3);
    }

    @Test
    void backoff_isFullJitterUnderADoublingCeilingCappedAtTheMaximum() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(200), new RetryBudget(0.1, 10));
        for (int i = 0; i < 1_000; i++) {
            assertThat(policy.backoffBefore(1)).isBetween(Duration.ZERO, Duration.ofMillis(20));
            assertThat(policy.backoffBefore(3)).isBetween(Duration.ZERO, Duration.ofMillis(80));
            assertThat(policy.backoffBefore(40)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        }
    }
}
