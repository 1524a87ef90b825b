package dev.strata.auth;

/** Turns a bearer token into a {@link Caller}. Thread-safe. */
public interface TokenVerifier {

    /** @throws dev.strata.domain.UnauthenticatedException when the token is malformed, expired, or not ours */
    Caller verify(String token);
}
