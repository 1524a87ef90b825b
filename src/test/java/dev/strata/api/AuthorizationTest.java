package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.HundredsTierTest;
import dev.strata.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthorizationTest extends HundredsTierTest {
    static String alice;
    static String mallory;

    @BeforeAll
    static void start() {
        alice = server.token("alice");
        mallory = server.token("mallory");
        api.put("/v1/users/alice/records/secret", alice, "{\"pin\":1234}");
        api.request("PUT", "/v1/users/alice/blobs/diary").token(alice).body(new byte[] {1, 2, 3}, "text/plain").send();
    }

    static Stream<Arguments> everyRouteOfAlice() {
        return Stream.of(
                Arguments.of("GET", "/v1/users/alice/records", null),
                Arguments.of("GET", "/v1/users/alice/records/secret", null),
                Arguments.of("PUT", "/v1/users/alice/records/secret", "{\"pin\":0}"),
                Arguments.of("PUT", "/v1/users/alice/records/new", "1"),
                Arguments.of("DELETE", "/v1/users/alice/records/secret", null),
                Arguments.of("GET", "/v1/users/alice/blobs", null),
                Arguments.of("GET", "/v1/users/alice/blobs/diary", null),
                Arguments.of("HEAD", "/v1/users/alice/blobs/diary", null),
                Arguments.of("PUT", "/v1/users/alice/blobs/diary", "overwritten"),
                Arguments.of("DELETE", "/v1/users/alice/blobs/diary", null),
                Arguments.of("GET", "/v1/users/alice/usage", null),
                Arguments.of("DELETE", "/v1/users/alice", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRouteOfAlice")
    void anotherUsersToken_gets403_andChangesNothing(String method, String path, String body) {
        ApiClient.Request request = api.request(method, path).token(mallory);
        if (body != null) {
            request.body(body);
        }
        assertThat(request.send().status()).isEqualTo(403);
        assertThat(api.get("/v1/users/alice/records/secret", alice).json().get("value").get("pin").asInt()).isEqualTo(1234);
        assertThat(api.get("/v1/users/alice/blobs/diary", alice).bytes()).containsExactly(1, 2, 3);
        assertThat(api.get("/v1/users/alice/records/new", alice).status()).isEqualTo(404);
        assertThat(api.get("/v1/users/alice/usage", alice).json().get("used").get("records").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRouteOfAlice")
    void noToken_gets401WithChallenge(String method, String path, String body) {
        Response response = api.request(method, path).send();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void admin_reachesAnyUser_andTheTopology() {
        String admin = server.adminToken();
        assertThat(api.get("/v1/users/alice/records/secret", admin).status()).isEqualTo(200);
        Response topology = api.get("/v1/admin/topology", admin);
        assertThat(topology.status()).isEqualTo(200);
        assertThat(topology.json().get("tier").asText()).isEqualTo("hundreds");
        assertThat(topology.json().get("store").get("dialect").asText()).isEqualTo("h2");
        assertThat(topology.text()).doesNotContain(TestServer.SECRET);
    }

    @Test
    void userToken_cannotReachAdminRoutes() {
        assertThat(api.get("/v1/admin/topology", alice).status()).isEqualTo(403);
    }

    @Test
    void meAlias_isTheCaller() {
        assertThat(api.get("/v1/users/me/records/secret", alice).status()).isEqualTo(200);
        assertThat(api.get("/v1/users/me/records/secret", mallory).status()).isEqualTo(404);
    }

    static List<String> badTokens() {
        Instant now = Instant.now();
        return List.of(
                "not-a-jwt",
                sign(JWSAlgorithm.HS256, TestServer.SECRET, claims("alice", now.minusSeconds(600), "strata", "strata")),
                sign(JWSAlgorithm.HS256, TestServer.SECRET, claims("alice", now.plusSeconds(600), "someone-else", "strata")),
                sign(JWSAlgorithm.HS256, TestServer.SECRET, claims("alice", now.plusSeconds(600), "strata", "another-api")),
                sign(JWSAlgorithm.HS256, "a-different-secret-that-is-32-bytes-or-more", claims("alice", now.plusSeconds(600), "strata", "strata")),
                sign(JWSAlgorithm.HS512, TestServer.SECRET + TestServer.SECRET, claims("alice", now.plusSeconds(600), "strata", "strata")),
                unsigned(claims("alice", now.plusSeconds(600), "strata", "strata")),
                sign(JWSAlgorithm.HS256, TestServer.SECRET, new JWTClaimsSet.Builder().subject("alice").issuer("strata").audience("strata").build()),
                sign(JWSAlgorithm.HS256, TestServer.SECRET, claims("../etc", now.plusSeconds(600), "strata", "strata")),
                withNonCanonicalSignature(sign(JWSAlgorithm.HS256, TestServer.SECRET, claims("alice", now.plusSeconds(600), "strata", "strata"))));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void badToken_gets401(String token) {
        Response response = api.get("/v1/users/me/records/secret", token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void rateLimit_returns429WithRetryAfter() {
        try (TestServer limited = TestServer.fromYaml("""
                tier: limited
                dataDir: ${STRATA_DATA_DIR}
                server: {port: 0}
                auth: {secret: "${STRATA_JWT_SECRET}", rateLimit: {requestsPerSecond: 1, burst: 3}}
                store: {type: h2}
                blobs: {type: filesystem}
                """, java.util.Map.of())) {
            String token = limited.token("busy");
            List<Integer> statuses = Stream.generate(() -> limited.client().get("/v1/users/me/usage", token))
                    .limit(6).map(Response::status).toList();
            assertThat(statuses.subList(0, 3)).containsOnly(200);
            assertThat(statuses).contains(429);
            Response refused = limited.client().get("/v1/users/me/usage", token);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
            assertThat(limited.client().get("/v1/users/me/usage", limited.token("calm")).status())
                    .as("limits are per user").isEqualTo(200);
        }
    }

    private static JWTClaimsSet claims(String sub, Instant exp, String iss, String aud) {
        return new JWTClaimsSet.Builder().subject(sub).issuer(iss).audience(aud).expirationTime(Date.from(exp)).build();
    }

    private static String sign(JWSAlgorithm alg, String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature's last base64url character carries 2 spare bits: flipping them decodes to the same bytes. */
    private static String withNonCanonicalSignature(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        return token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);
    }

    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
