package dev.strata.domain;

/** The same Idempotency-Key came with a different request. */
public final class IdempotencyKeyReusedException extends StrataException {
    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}
