package dev.strata.domain;

/** The user already has as many writes queued as the tier allows; clients get 503 with Retry-After. */
public final class BacklogFullException extends StrataException {
    public BacklogFullException(String message) {
        super(message);
    }
}
