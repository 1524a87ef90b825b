package dev.strata.adapter.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an idempotent call is retried: up to {@code attempts} tries in all, waiting a random time in
 * [0, min(maxDelay, baseDelay x 2^(retry-1))] before each retry ("full jitter", so clients that failed together
 * do not retry together), and only while {@code budget} allows.
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay, RetryBudget budget) {

    Duration backoffBefore(int retry) {
        long ceiling = Math.min(maxDelay.toNanos(), baseDelay.toNanos() << Math.min(retry - 1, 30));
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
