package dev.strata.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of generated keys, names, bodies, headers and tokens against a real server: never a 5xx, and a
 * rejected request never changes what the user holds.
 */
class BadInputPropertiesTest {
    private static final Set<Integer> WRITE_OK = Set.of(200, 201, 204);

    static TestServer server;
    static ApiClient api;
    static String token;

    @BeforeContainer
    static void start() {
        server = TestServer.fromYaml("""
                tier: fuzz
                dataDir: ${STRATA_DATA_DIR}
                server: {port: 0}
                auth: {secret: "${STRATA_JWT_SECRET}", rateLimit: {requestsPerSecond: 1000000}}
                store: {type: h2}
                blobs: {type: filesystem}
                cache: {type: caffeine}
                """, java.util.Map.of());
        api = server.client().unchecked();
        token = server.token("fuzzed");
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 1500)
    void anyRecordKey_isStoredOrRefusedWith4xx(@ForAll("anyText") String key) {
        JsonNode before = usage();
        int status = api.put("/v1/users/me/records/" + encode(key), token, "{\"k\":1}").status();
        assertThat(status).as("PUT key %s", escaped(key)).isLessThan(500);
        if (!WRITE_OK.contains(status)) {
            assertThat(usage()).isEqualTo(before);
        }
    }

    @Property(tries = 1500)
    void anyBody_isStoredOrRefusedWith4xx(@ForAll("anyBody") byte[] body) {
        JsonNode before = usage();
        int status = api.request("PUT", "/v1/users/me/records/body").token(token).body(body, "application/json").send().status();
        assertThat(status).isLessThan(500);
        if (!WRITE_OK.contains(status)) {
            assertThat(usage()).isEqualTo(before);
        }
    }

    @Property(tries = 1000)
    void anyConditionalOrIdempotencyHeader_neverFailsTheServer(@ForAll("headerName") String header, @ForAll("headerValue") String value) {
        JsonNode before = usage();
        int status = api.request("PUT", "/v1/users/me/blobs/headers").token(token).header(header, value)
                .body(new byte[] {1, 2, 3}, "application/octet-stream").send().status();
        assertThat(status).as("%s: %s", header, escaped(value)).isLessThan(500);
        if (!WRITE_OK.contains(status)) {
            assertThat(usage()).isEqualTo(before);
        }
        assertThat(api.request("GET", "/v1/users/me/blobs/headers").token(token).header(header, value).send().status()).isLessThan(500);
    }

    @Property(tries = 1000)
    void anyToken_isRefusedWith401(@ForAll("anyToken") String badToken) {
        assertThat(api.request("PUT", "/v1/users/me/records/k").header("Authorization", "Bearer " + badToken).body("1").send().status())
                .isEqualTo(401);
    }

    @Property(tries = 500)
    void anyListQuery_neverFailsTheServer(@ForAll("anyText") String prefix, @ForAll("anyText") String cursor, @ForAll("anyText") String limit) {
        int status = api.get("/v1/users/me/records?prefix=" + encode(prefix) + "&cursor=" + encode(cursor) + "&limit=" + encode(limit), token).status();
        assertThat(status).isIn(200, 400);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings().withChars("./\\%_*? \t\u0000\u202e\u00e9e\u0301ａ").ofMaxLength(12),
                Arbitraries.strings().alpha().ofMinLength(500).ofMaxLength(600),
                Arbitraries.of("..", ".", "me", "a/b", "%2F", "..%2F..", "CON", " x", "x ", "\uFEFFx", "\uD800"));
    }

    @Provide
    Arbitrary<byte[]> anyBody() {
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtruefalsn \\u\t\n")
                .ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> deep = Arbitraries.integers().between(1, 200).map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(100);
        return Arbitraries.oneOf(jsonish, deep, raw);
    }

    @Provide
    Arbitrary<String> headerName() {
        return Arbitraries.of("If-Match", "If-None-Match", "Idempotency-Key", "Range", "X-Request-Id");
    }

    @Provide
    Arbitrary<String> headerValue() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange((char) 0x20, (char) 0x7e).ofMaxLength(300),
                Arbitraries.of("*", "\"x\"", "W/\"x\"", "bytes=0-0", "bytes=-0", "bytes=5-1", "bytes=0-1,3-4",
                        "bytes=99999999999999999999-", "bytes=-", "bytes=a-b", "\"\"", ","));
    }

    @Provide
    Arbitrary<String> anyToken() {
        String valid = server.token("fuzzed");
        Arbitrary<String> mutated = Arbitraries.integers().between(0, valid.length() - 1)
                .flatMap(i -> Arbitraries.chars().alpha().numeric().filter(c -> c != valid.charAt(i))
                        .map(c -> valid.substring(0, i) + c + valid.substring(i + 1)));
        Arbitrary<String> junk = Arbitraries.strings().withChars("abcXYZ019-_.=").ofMinLength(1).ofMaxLength(400);
        return Arbitraries.oneOf(mutated, junk);
    }

    private static JsonNode usage() {
        return api.get("/v1/users/me/usage", token).json();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.append(cp < 0x20 || cp > 0x7e ? String.format("\\u%04x", cp) : String.valueOf((char) cp)));
        return out.toString();
    }
}
