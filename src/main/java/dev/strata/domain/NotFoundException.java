package dev.strata.domain;

/** The record, blob or request does not exist (or is not the caller's). */
public final class NotFoundException extends StrataException {
    public NotFoundException(String message) {
        super(message);
    }
}
