package dev.strata.domain;

/** An If-Match or If-None-Match condition does not hold. */
public final class PreconditionFailedException extends StrataException {
    public PreconditionFailedException(String message) {
        super(message);
    }
}
