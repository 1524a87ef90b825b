package dev.strata.config;

import java.time.Duration;

/**
 * @param ttl   how long a completed {@code Idempotency-Key} is replayed (default 24h)
 * @param lease how long an unfinished request holds its key before a retry may take over (default 60s)
 */
public record IdempotencyConfig(Duration ttl, Duration lease) {
    public IdempotencyConfig {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
    }

    static IdempotencyConfig defaults() {
        return new IdempotencyConfig(null, null);
    }
}
