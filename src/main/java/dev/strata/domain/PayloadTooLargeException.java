package dev.strata.domain;

/** A single body over the tier's per-request limit (record value, JSON depth, blob size). */
public final class PayloadTooLargeException extends StrataException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
