package dev.strata.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.strata.domain.UnauthenticatedException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;

/**
 * Tokens from an OIDC issuer (Cognito, Keycloak, Auth0…): RS256 or ES256 signatures checked against the keys its
 * JWKS URL publishes. Keys are cached for {@code cacheTtl} and fetched again when a token names a key id the cache
 * does not hold, so the issuer can rotate keys without a restart. {@code exp}, {@code iss}, {@code aud} and
 * {@code sub} are required; scope {@code admin} grants the admin role.
 */
public final class JwksTokenVerifier implements TokenVerifier {
    private static final long FETCH_TIMEOUT_MILLIS = 2_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwksTokenVerifier(String jwksUrl, String issuer, String audience, Duration cacheTtl) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL())
                    .cache(cacheTtl.toMillis(), FETCH_TIMEOUT_MILLIS)
                    .rateLimited(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwksUrl, e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
    }

    @Override
    public Caller verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException e) {
            throw new UnauthenticatedException("token is not valid: " + e.getMessage());
        } catch (JOSEException e) {
            throw new UnauthenticatedException("token cannot be checked now: the issuer's keys are unavailable");
        }
        return TokenClaims.caller(claims);
    }

}
