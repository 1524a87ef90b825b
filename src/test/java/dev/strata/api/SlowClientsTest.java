package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.SlowUpload;
import dev.strata.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slowloris and slow bodies are cut off by the idle timeout, and the slots they held are freed for others. */
class SlowClientsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.fromYaml("""
                tier: slow-clients
                dataDir: ${STRATA_DATA_DIR}
                server: {port: 0, maxConcurrentRequests: 2, idleTimeout: 1s}
                auth: {secret: "${STRATA_JWT_SECRET}"}
                store: {type: h2, statementTimeout: 500ms}
                blobs: {type: filesystem}
                """, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void slowloris_headersThatNeverEnd_areCutOff_whileOthersAreServed() throws Exception {
        try (Socket loris = new Socket("127.0.0.1", server.app().port())) {
            OutputStream out = loris.getOutputStream();
            out.write("GET /v1/users/me/usage HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(server.client().get("/health/live", null).status()).isEqualTo(200);
            assertThat(closedWithin(loris, Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void slowBodies_areCutOff_storeNothing_andFreeTheirSlots() throws Exception {
        String token = server.token("patient");
        try (SlowUpload first = SlowUpload.start(server.app().port(), "/v1/users/me/blobs/a", token, "", 100_000, 10);
             SlowUpload second = SlowUpload.start(server.app().port(), "/v1/users/me/blobs/b", token, "", 100_000, 10)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(server.client().get("/v1/users/me/usage", token).status()).isEqualTo(200));
        }
        assertThat(server.client().get("/v1/users/me/usage", token).json().get("used").get("blobs").asInt()).isZero();
        assertThat(server.client().get("/v1/users/me/blobs/a", token).status()).isEqualTo(404);
    }

    private static boolean closedWithin(Socket socket, Duration timeout) throws Exception {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain whatever the server answers before it closes
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }
}
