package dev.strata.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.strata.domain.InvalidInputException;
import dev.strata.domain.UnauthenticatedException;
import dev.strata.domain.UserId;
import java.util.List;

/** Reads a {@link Caller} out of verified claims, the same way for every kind of token. */
final class TokenClaims {
    static final String ADMIN_SCOPE = "admin";

    private TokenClaims() {
    }

    static Caller caller(JWTClaimsSet claims) {
        UserId user;
        try {
            user = new UserId(claims.getSubject());
        } catch (InvalidInputException e) {
            throw new UnauthenticatedException("token subject is not a valid user id");
        }
        return new Caller(user, hasAdminScope(claims), claims.getExpirationTime().toInstant());
    }

    /** The {@code scope} claim as OAuth 2 spells it: one string of space-separated scopes. */
    private static boolean hasAdminScope(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        return scope instanceof String s && List.of(s.split(" ")).contains(ADMIN_SCOPE);
    }
}
