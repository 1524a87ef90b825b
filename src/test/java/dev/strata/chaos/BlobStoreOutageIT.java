package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.config.BlobsConfig;
import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import dev.strata.testing.load.Ledger;
import dev.strata.testing.load.PacedReads;
import dev.strata.testing.load.LoadDriver;
import dev.strata.testing.load.Tally;
import dev.strata.testing.load.Timeline;
import dev.strata.testing.load.Traffic;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import dev.strata.thousands.ThousandsBackends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8: the S3 server stops under blob and record load. Blob writes and reads get fast 503s (never a 500)
 * while record writes carry on and readiness stays 200 ("degraded"); no blob row ever points at a missing object; blob writes work again once S3 is back.
 */
class BlobStoreOutageIT {
    private static final int CLIENTS = 4;
    private static final int BLOB_BYTES = 8 * 1024;

    @Test
    void s3Stopped_blobWritesGetFast503s_recordsCarryOn_andNoMetadataPointsAtAMissingObject() {
        try (S3ProxyServer s3 = S3ProxyServer.start();
             RedisServer redis = RedisServer.start();
             TestServer server = TestServer.thousands(ThousandsBackends.env(PostgresServers.shared(1).get(0), s3, redis,
                     "chaos_s3"))) {
            Traffic traffic = new Traffic(server.client(), Traffic.tokens(CLIENTS, server::token), new Ledger());

            AtomicReference<ApiClient.Response> readinessDuringOutage = new AtomicReference<>();
            CompletableFuture<Void> faults = Timeline.of()
                    .at(Duration.ofSeconds(3), s3::stop)
                    .at(Duration.ofSeconds(6), () -> readinessDuringOutage.set(server.client().unchecked().get("/health/ready", null)))
                    .at(Duration.ofSeconds(8), s3::restart)
                    .start();
            CompletableFuture<Tally> records = CompletableFuture.supplyAsync(() ->
                    LoadDriver.closedLoop(CLIENTS, Duration.ofSeconds(12), 5_000, traffic::write));
            Tally blobs = LoadDriver.closedLoop(CLIENTS, Duration.ofSeconds(12), 5_000, (client, sequence) ->
                    sequence % 2 == 0 ? traffic.writeBlob(client, sequence, BLOB_BYTES) : traffic.readBlob(client, sequence - 1));
            Timeline.await(faults, Duration.ofSeconds(60));

            assertThat(blobs.errors()).as("blobs: %s", blobs).isZero();
            assertThat(blobs.count(503)).as("blobs: %s", blobs).isPositive();
            assertThat(blobs.latencyMillis(status -> status == 503, 0.99)).as("503s come before any timeout: %s", blobs)
                    .isLessThan((double) ((BlobsConfig.S3) server.config().blobs()).connectTimeout().toMillis());
            assertThat(readinessDuringOutage.get().status()).as("stays in rotation: records still work").isEqualTo(200);
            assertThat(readinessDuringOutage.get().json().path("status").asText()).isEqualTo("degraded");
            assertThat(readinessDuringOutage.get().json().path("checks").path("blobs").asText()).isEqualTo("down");
            Tally recordTally = records.join();
            assertThat(recordTally.count(status -> status >= 500 || status == Tally.NO_ANSWER)).as("records: %s", recordTally).isZero();

            await().atMost(Duration.ofSeconds(15)).until(() -> traffic.writeBlob(99, 0, BLOB_BYTES) == 201);
            assertThat(traffic.ledger().verify(server.client(), traffic::tokenOf)).isEmpty();
            assertThat(blobsWithoutTheirObject(server.client().unchecked(), traffic)).isEmpty();
        }
    }

    /** Every blob any user's listing shows, acknowledged or not, must be readable. */
    private static List<String> blobsWithoutTheirObject(ApiClient client, Traffic traffic) {
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String user = Traffic.user(c);
            String cursor = null;
            do {
                JsonNode page = PacedReads.get(client, "/v1/users/" + user + "/blobs?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                        traffic.tokenOf(user)).json();
                for (JsonNode blob : page.get("items")) {
                    String path = "/v1/users/" + user + "/blobs/" + blob.get("name").asText();
                    int status = PacedReads.get(client, path, traffic.tokenOf(user)).status();
                    if (status != 200) {
                        missing.add(path + " -> " + status);
                    }
                }
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
        }
        return missing;
    }
}
