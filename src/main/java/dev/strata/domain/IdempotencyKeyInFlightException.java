package dev.strata.domain;

/** A request with the same Idempotency-Key is still running. */
public final class IdempotencyKeyInFlightException extends StrataException {
    public IdempotencyKeyInFlightException(String message) {
        super(message);
    }
}
