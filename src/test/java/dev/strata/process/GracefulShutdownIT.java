package dev.strata.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.auth.HmacTokens;
import dev.strata.domain.UserId;
import dev.strata.testing.SlowUpload;
import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
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
            try (SlowUpload upload = SlowUpload.start(port, "/v1/users/me/blobs/in-flight", token, "", 200_000, 100_000)) {
                String admin = tokens.issue(new UserId("ops"), true, Duration.ofHours(1));
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        strata.client().get("/v1/admin/topology", admin).json().get("inFlightRequests").asInt()).isGreaterThanOrEqualTo(2));
                strata.terminate();
                Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(strata.client().get("/health/ready", null).status()).isEqualTo(503));
                assertThat(strata.isAlive()).as("still draining while a request runs").isTrue();
                assertThat(upload.finish(100_000).status()).isEqualTo(201);
            }
            int exit = strata.awaitExit(Duration.ofSeconds(15));
            assertThat(exit).isIn(0, 143);
            assertThat(strata.logText()).contains("Strata stopped").doesNotContain("Exception");
        }
    }
}
