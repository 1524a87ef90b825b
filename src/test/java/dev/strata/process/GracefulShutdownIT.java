package dev.strata.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.auth.HmacTokens;
import dev.strata.domain.UserId;
import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** SIGTERM: readiness turns 503 at once, the request in flight still completes, then the process exits. */
class GracefulShutdownIT {

    @Test
    void sigterm_drainsInFlightRequests_thenExits() throws Exception {
        HmacTokens tokens = new HmacTokens(TestServer.SECRET, "strata", "strata", Clock.systemUTC());
        String token = tokens.issue(new UserId("drainer"), false, Duration.ofHours(1));
        try (StrataProcess strata = StrataProcess.hundreds(TestServer.temporaryDataDir(), List.of(), Map.of())) {
            int port = Integer.parseInt(strata.client().baseUrl().replaceAll(".*:", ""));
            try (Socket upload = new Socket("127.0.0.1", port)) {
                OutputStream out = upload.getOutputStream();
                out.write(("PUT /v1/users/me/blobs/in-flight HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 200000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[100_000]);
                out.flush();
                Thread.sleep(300);

                strata.terminate();
                Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(strata.client().get("/health/ready", null).status()).isEqualTo(503));
                assertThat(strata.isAlive()).as("still draining while a request runs").isTrue();

                out.write(new byte[100_000]);
                out.flush();
                String status = new BufferedReader(new InputStreamReader(upload.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(status).isEqualTo("HTTP/1.1 201 Created");
            }
            int exit = strata.awaitExit(Duration.ofSeconds(15));
            assertThat(exit).isIn(0, 143);
            assertThat(strata.logText()).contains("Strata stopped").doesNotContain("Exception");
        }
    }
}
