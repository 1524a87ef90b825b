package dev.strata.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.strata.domain.UnauthenticatedException;
import dev.strata.domain.UserId;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * HS256 tokens: issues them for the {@code token} command and checks them on every request. Only HS256 is
 * accepted; {@code exp}, {@code iss} and {@code aud} must be present and right; {@code sub} is the user.
 */
public final class HmacTokens implements TokenVerifier {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final byte[] secret;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final MACVerifier verifier;

    public HmacTokens(String secret, String issuer, String audience, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        try {
            this.verifier = new MACVerifier(this.secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT secret must be at least 32 bytes", e);
        }
    }

    public String issue(UserId user, boolean admin, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.value())
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", admin ? TokenClaims.ADMIN_SCOPE : "user")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return jwt.serialize();
    }

    @Override
    public Caller verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new UnauthenticatedException("token is not a valid JWT");
        }
        if (!isCanonical(jwt)) {
            throw new UnauthenticatedException("token is not canonically encoded");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new UnauthenticatedException("token must be signed with HS256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new UnauthenticatedException("token signature is not valid");
            }
        } catch (JOSEException e) {
            throw new UnauthenticatedException("token signature cannot be checked");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new UnauthenticatedException("token has expired or has no expiry");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new UnauthenticatedException("token is not valid yet");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new UnauthenticatedException("token issuer is not accepted");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            throw new UnauthenticatedException("token audience is not accepted");
        }
        return TokenClaims.caller(claims);
    }

    /**
     * Base64url's last character carries spare bits, so several spellings decode to the same bytes; accepting
     * only the canonical one keeps exactly one valid string per token.
     */
    private static boolean isCanonical(SignedJWT jwt) {
        for (Base64URL part : jwt.getParsedParts()) {
            if (!Base64URL.encode(part.decode()).toString().equals(part.toString())) {
                return false;
            }
        }
        return true;
    }
}
