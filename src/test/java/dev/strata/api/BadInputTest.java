package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.HundredsTierTest;
import dev.strata.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputTest extends HundredsTierTest {
    static String token;

    @BeforeAll
    static void start() {
        token = server.token("tester");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "[1,2", "nul", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "'single'", ""})
    void malformedJson_gets400Problem_andStoresNothing(String body) {
        Response response = api.put("/v1/users/me/records/bad", token, body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(api.get("/v1/users/me/records/bad", token).status()).isEqualTo(404);
    }

    @Test
    void invalidUtf8_gets400() {
        Response response = api.request("PUT", "/v1/users/me/records/bad").token(token)
                .body(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}, "application/json").send();
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void tooLargeValue_gets413() {
        String big = "\"" + "x".repeat(64 * 1024) + "\"";
        assertThat(api.put("/v1/users/me/records/big", token, big).status()).isEqualTo(413);
        assertThat(api.get("/v1/users/me/records/big", token).status()).isEqualTo(404);
    }

    @Test
    void tooDeepJson_gets413() {
        String deep = "[".repeat(33) + "]".repeat(33);
        assertThat(api.put("/v1/users/me/records/deep", token, deep).status()).isEqualTo(413);
        String fine = "[".repeat(32) + "]".repeat(32);
        assertThat(api.put("/v1/users/me/records/deep", token, fine).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "%2E%2E", "a%00b", "a%0Ab", "tab%09", "%E2%80%AE", "%20lead", "trail%20", "a%5Cb"})
    void badKeys_get400_andStoreNothing(String key) {
        String keyTester = server.token("key-tester");
        Response response = api.unchecked().put("/v1/users/me/records/" + key, keyTester, "1");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).doesNotContain("Exception");
        assertThat(api.get("/v1/users/me/usage", keyTester).json().get("used").get("records").asInt()).isZero();
    }

    @Test
    void slashInKey_isNotARoute() {
        Response response = api.unchecked().put("/v1/users/me/records/a/b", token, "1");
        assertThat(response.status()).isBetween(400, 405);
        assertThat(api.unchecked().put("/v1/users/me/records/a%2Fb", token, "1").status()).isBetween(400, 404);
    }

    @Test
    void overlongKey_gets400() {
        assertThat(api.put("/v1/users/me/records/" + "k".repeat(513), token, "1").status()).isEqualTo(400);
        assertThat(api.put("/v1/users/me/records/" + "k".repeat(512), token, "1").status()).isEqualTo(201);
    }

    @Test
    void badBlobName_gets400() {
        Response response = api.unchecked().request("PUT", "/v1/users/me/blobs/%2E%2E").token(token)
                .body(new byte[] {1}, "application/octet-stream").send();
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void badQueryParameters_get400() {
        assertThat(api.get("/v1/users/me/records?limit=0", token).status()).isEqualTo(400);
        assertThat(api.get("/v1/users/me/records?limit=abc", token).status()).isEqualTo(400);
        assertThat(api.get("/v1/users/me/records?limit=201", token).status()).isEqualTo(400);
        assertThat(api.get("/v1/users/me/records?cursor=***", token).status()).isEqualTo(400);
    }

    @Test
    void badUserIdInPath_gets400ForAdmins() {
        assertThat(api.unchecked().get("/v1/users/bad%20user/records", server.adminToken()).status()).isEqualTo(400);
    }

    @Test
    void ifNoneMatchOtherThanStar_onWrite_gets400() {
        assertThat(api.request("PUT", "/v1/users/me/records/k").token(token).header("If-None-Match", "\"x\"").body("1").send().status())
                .isEqualTo(400);
    }

    @Test
    void badIdempotencyKey_gets400() {
        assertThat(api.request("PUT", "/v1/users/me/records/k").token(token).header("Idempotency-Key", "x".repeat(256)).body("1").send().status())
                .isEqualTo(400);
    }

    @Test
    void unsupportedMethod_gets405Problem() {
        Response response = api.unchecked().request("PATCH", "/v1/users/me/records/k").token(token).body("1").send();
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void bodyShorterThanContentLength_gets400_andStoresNothing() throws IOException {
        String response = rawExchange("PUT /v1/users/me/records/short HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":1}", true);
        assertThat(response).satisfiesAnyOf(r -> assertThat(r).startsWith("HTTP/1.1 400"), r -> assertThat(r).isEmpty());
        assertThat(api.get("/v1/users/me/records/short", token).status()).isEqualTo(404);
    }

    @Test
    void bodyLongerThanContentLength_gets400_andStoresNothing() throws IOException {
        String response = rawExchange("PUT /v1/users/me/records/long HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{\"a\":1}", false);
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(api.get("/v1/users/me/records/long", token).status()).isEqualTo(404);
    }

    @Test
    void blobBodyShorterThanContentLength_leavesNoBlobAndNoFile() throws IOException {
        String token = server.token("blob-cutter");
        rawExchange("PUT /v1/users/me/blobs/cut HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(5000), true);
        assertThat(api.get("/v1/users/me/blobs/cut", token).status()).isEqualTo(404);
        assertThat(api.get("/v1/users/me/usage", token).json().get("used").get("blobs").asInt()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            try (var files = java.nio.file.Files.walk(server.dataDir().resolve("blobs"))) {
                assertThat(files.filter(java.nio.file.Files::isRegularFile).toList()).isEmpty();
            }
        });
    }

    private static String rawExchange(String request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.app().port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    received.write(buffer, 0, n);
                    if (received.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // the server may close the connection of a broken request without answering
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
