package dev.strata.domain;

/**
 * Who writes, under which request id, and the fingerprint a repeat of the same request id must match.
 *
 * @param clientChosenId the id is the client's Idempotency-Key, which a repeat reuses; otherwise the server generated
 *                       a fresh one that no earlier request can have
 */
public record WriteRequest(UserId user, String requestId, String fingerprint, boolean clientChosenId) {
}
