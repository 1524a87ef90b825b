package dev.strata.adapter.resilience;

import dev.strata.port.StorageUnavailableException;
import java.time.Duration;

/** The dependency's circuit breaker is open: the call was refused without trying, so it is not retried either. */
final class CircuitOpenException extends StorageUnavailableException {
    CircuitOpenException(String dependency, Duration openPeriod) {
        super(dependency + " is failing; its circuit breaker refuses calls for now", null, openPeriod);
    }
}
