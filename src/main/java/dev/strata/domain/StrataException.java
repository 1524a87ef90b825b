package dev.strata.domain;

/** Base of every failure the service reports to a client; the API maps each subclass to one HTTP status. */
public abstract class StrataException extends RuntimeException {
    protected StrataException(String message) {
        super(message);
    }
}
