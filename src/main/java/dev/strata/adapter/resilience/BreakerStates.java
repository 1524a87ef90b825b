package dev.strata.adapter.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;

/** What every breaker reports: its state as a gauge value, and how long it stays open. */
public final class BreakerStates {
    private BreakerStates() {
    }

    /** The gauge value: 0 closed, 1 open, 2 half-open, 3 anything else. */
    public static int code(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    /** How long the breaker refuses calls once open: what a refused client should wait before retrying. */
    public static Duration openPeriod(CircuitBreaker breaker) {
        return Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
    }
}
