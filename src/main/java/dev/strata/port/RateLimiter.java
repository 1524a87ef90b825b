package dev.strata.port;

import dev.strata.domain.UserId;
import java.time.Duration;
import java.util.Optional;

/** Per-user request rate. Thread-safe. */
public interface RateLimiter extends AutoCloseable {

    /** Takes one permit; empty when granted, otherwise how long until one is free. */
    Optional<Duration> tryAcquire(UserId user);

    /** Releases connections; nothing by default. */
    @Override
    default void close() {
    }
}
