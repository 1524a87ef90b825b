package dev.strata.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.auth.HmacTokens;
import dev.strata.domain.UserId;
import dev.strata.testing.ApiClient;
import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every write acknowledged with 2xx survives kill -9 of the hundreds-tier process. */
class DurabilityIT {
    private final HmacTokens tokens = new HmacTokens(TestServer.SECRET, "strata", "strata", Clock.systemUTC());

    @Test
    void everyAcknowledgedWrite_survivesKill9() throws Exception {
        Path dataDir = TestServer.temporaryDataDir();
        List<String> acknowledged = new ArrayList<>();
        List<String> acknowledgedBlobs = new ArrayList<>();
        try (StrataProcess strata = StrataProcess.hundreds(dataDir, List.of(), Map.of())) {
            ApiClient api = strata.client();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String user = "writer-" + w;
                String token = token(user);
                results.add(writers.submit(() -> {
                    List<String> ok = new ArrayList<>();
                    for (int i = 0; i < 60; i++) {
                        String key = "k" + i;
                        if (api.put("/v1/users/" + user + "/records/" + key, token, "{\"i\":" + i + "}").status() == 201) {
                            ok.add(user + "/" + key);
                        }
                    }
                    return ok;
                }));
            }
            String blobToken = token("blobber");
            for (int i = 0; i < 10; i++) {
                if (api.request("PUT", "/v1/users/blobber/blobs/b" + i).token(blobToken).body(new byte[10_000 + i], "application/octet-stream").send().status() == 201) {
                    acknowledgedBlobs.add("b" + i);
                }
            }
            for (Future<List<String>> result : results) {
                acknowledged.addAll(result.get());
            }
            writers.shutdown();
            strata.kill();
        }
        assertThat(acknowledged).hasSize(240);

        try (StrataProcess restarted = StrataProcess.hundreds(dataDir, List.of(), Map.of())) {
            ApiClient api = restarted.client();
            for (String written : acknowledged) {
                String[] parts = written.split("/");
                assertThat(api.get("/v1/users/" + parts[0] + "/records/" + parts[1], token(parts[0])).status())
                        .as("record %s after kill -9", written).isEqualTo(200);
            }
            for (String blob : acknowledgedBlobs) {
                assertThat(api.get("/v1/users/blobber/blobs/" + blob, token("blobber")).bytes()).hasSize(10_000 + Integer.parseInt(blob.substring(1)));
            }
            assertThat(api.get("/v1/users/writer-0/usage", token("writer-0")).json().get("used").get("records").asInt()).isEqualTo(60);
        }
    }

    private String token(String user) {
        return tokens.issue(new UserId(user), false, Duration.ofHours(1));
    }
}
