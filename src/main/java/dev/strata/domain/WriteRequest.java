package dev.strata.domain;

/**
 * Who writes, under which request id (the client's Idempotency-Key or a server-generated one), and the fingerprint a
 * repeat of the same request id must match.
 */
public record WriteRequest(UserId user, String requestId, String fingerprint) {
}
