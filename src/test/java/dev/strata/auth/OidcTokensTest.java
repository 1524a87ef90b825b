package dev.strata.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tier that takes tokens from an OIDC issuer, against a JWKS this test serves itself (and rotates). */
class OidcTokensTest {
    private static final String ISSUER = "https://issuer.test/realm";
    private static final String AUDIENCE = "strata-api";

    static HttpServer jwks;
    static final AtomicReference<JWKSet> published = new AtomicReference<>();
    static final AtomicInteger fetches = new AtomicInteger();
    static RSAKey rsa;
    static ECKey ec;
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        published.set(new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        server = TestServer.fromYaml("""
                tier: oidc
                dataDir: ${STRATA_DATA_DIR}
                server: {port: 0}
                auth: {jwksUrl: "${JWKS_URL}", issuer: "%s", audience: "%s", jwksCacheTtl: 10m}
                store: {type: h2}
                blobs: {type: filesystem}
                """.formatted(ISSUER, AUDIENCE), Map.of("JWKS_URL", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json"));
        api = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
        jwks.stop(0);
    }

    @Test
    void rs256AndEs256Tokens_fromTheIssuer_areAccepted() throws Exception {
        assertThat(api.put("/v1/users/me/records/k", token(rsa, new RSASSASigner(rsa), JWSAlgorithm.RS256, "alice", ""), "1").status()).isEqualTo(201);
        assertThat(api.get("/v1/users/alice/records/k", token(ec, new ECDSASigner(ec), JWSAlgorithm.ES256, "alice", "")).status()).isEqualTo(200);
        assertThat(api.get("/v1/admin/topology", token(ec, new ECDSASigner(ec), JWSAlgorithm.ES256, "ops", "openid admin")).status()).isEqualTo(200);
    }

    @Test
    void wrongIssuerAudienceOrExpiry_andHs256_areRefused() throws Exception {
        RSASSASigner signer = new RSASSASigner(rsa);
        assertThat(api.get("/v1/users/me/usage", sign(rsa, signer, JWSAlgorithm.RS256, claims("bob").issuer("https://other").build())).status()).isEqualTo(401);
        assertThat(api.get("/v1/users/me/usage", sign(rsa, signer, JWSAlgorithm.RS256, claims("bob").audience("other").build())).status()).isEqualTo(401);
        assertThat(api.get("/v1/users/me/usage", sign(rsa, signer, JWSAlgorithm.RS256,
                claims("bob").expirationTime(Date.from(Instant.now().minusSeconds(120))).build())).status()).isEqualTo(401);
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("bob").build());
        hs256.sign(new MACSigner(TestServer.SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(api.get("/v1/users/me/usage", hs256.serialize()).status()).isEqualTo(401);
    }

    @Test
    void rotatedKeys_areFetched_andUnknownKeysRefused() throws Exception {
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-3").generate();
        assertThat(api.get("/v1/users/me/usage", token(stranger, new RSASSASigner(stranger), JWSAlgorithm.RS256, "carol", "")).status()).isEqualTo(401);

        published.set(new JWKSet(List.<JWK>of(rsa.toPublicJWK(), rotated.toPublicJWK(), ec.toPublicJWK())));
        int before = fetches.get();
        assertThat(api.get("/v1/users/me/usage", token(rotated, new RSASSASigner(rotated), JWSAlgorithm.RS256, "carol", "")).status()).isEqualTo(200);
        assertThat(fetches.get()).as("an unknown key id makes the verifier fetch the JWKS again").isGreaterThan(before);
    }

    @Test
    void theTokenCommand_refusesAnOidcTier() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.token("x"))
                .hasMessageContaining("OIDC issuer");
    }

    private static String token(JWK key, JWSSigner signer, JWSAlgorithm alg, String user, String scope) throws Exception {
        return sign(key, signer, alg, claims(user).claim("scope", scope).build());
    }

    private static JWTClaimsSet.Builder claims(String user) {
        return new JWTClaimsSet.Builder().subject(user).issuer(ISSUER).audience(AUDIENCE)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String sign(JWK key, JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
