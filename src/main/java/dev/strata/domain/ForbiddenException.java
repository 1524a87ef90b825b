package dev.strata.domain;

/** The caller may not touch this user's data or this admin route. */
public final class ForbiddenException extends StrataException {
    public ForbiddenException(String message) {
        super(message);
    }
}
