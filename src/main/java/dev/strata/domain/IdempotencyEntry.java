package dev.strata.domain;

/**
 * What the store remembers about one {@code Idempotency-Key} of one user: the fingerprint of the request that
 * claimed it, and once it finished, its outcome serialised as {@code payload}. Times are epoch microseconds.
 */
public record IdempotencyEntry(String key, String fingerprint, boolean completed, String payload,
                               long leaseUntilMicros, long expiresAtMicros) {
}
