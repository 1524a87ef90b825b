package dev.strata.adapter.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** The gauge value every breaker metric uses: 0 closed, 1 open, 2 half-open, 3 anything else. */
public final class BreakerStates {
    private BreakerStates() {
    }

    public static int code(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
