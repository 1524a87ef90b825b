package dev.strata.domain;

/** A request that breaks a rule of the API: bad key, malformed JSON, bad header. */
public final class InvalidInputException extends StrataException {
    public InvalidInputException(String message) {
        super(message);
    }
}
