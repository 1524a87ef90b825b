package dev.strata.domain;

/** No token, or a token that is malformed, expired or not ours. */
public final class UnauthenticatedException extends StrataException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
