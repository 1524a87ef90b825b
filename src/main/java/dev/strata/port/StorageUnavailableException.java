package dev.strata.port;

import java.time.Duration;

/**
 * A dependency (database, blob store, cache, queue) did not answer in time or refused; clients get 503 with
 * {@code Retry-After}: one second, or as long as a circuit breaker will keep refusing calls.
 */
public class StorageUnavailableException extends RuntimeException {
    private static final Duration SHORTLY = Duration.ofSeconds(1);

    private final Duration retryAfter;

    public StorageUnavailableException(String message, Throwable cause) {
        this(message, cause, SHORTLY);
    }

    public StorageUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
