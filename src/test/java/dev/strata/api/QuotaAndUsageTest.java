package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuotaAndUsageTest {
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.fromYaml("""
                tier: quota-test
                dataDir: ${STRATA_DATA_DIR}
                server: {port: 0}
                auth: {secret: "${STRATA_JWT_SECRET}"}
                store: {type: h2}
                blobs: {type: filesystem}
                cache: {type: caffeine}
                quotas: {maxRecords: 3, maxRecordBytes: 1KiB, maxBlobs: 2, maxBlobBytes: 10KiB}
                """, Map.of());
        api = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void usage_countsRecordsAndBlobs_inTheSameTransactionAsEachWrite() {
        String alice = server.token("alice");
        api.put("/v1/users/alice/records/a", alice, "\"12345\"");
        api.put("/v1/users/alice/records/b", alice, "1");
        api.put("/v1/users/alice/records/a", alice, "\"1\"");
        api.request("PUT", "/v1/users/alice/blobs/x").token(alice).body(new byte[1000], "application/octet-stream").send();
        JsonNode used = api.get("/v1/users/alice/usage", alice).json().get("used");
        assertThat(used.get("records").asInt()).isEqualTo(2);
        assertThat(used.get("recordBytes").asInt()).isEqualTo(4);
        assertThat(used.get("blobs").asInt()).isEqualTo(1);
        assertThat(used.get("blobBytes").asInt()).isEqualTo(1000);
        api.delete("/v1/users/alice/records/b", alice);
        assertThat(api.get("/v1/users/alice/usage", alice).json().get("used").get("records").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/users/alice/usage", alice).json().get("quota").get("records").asInt()).isEqualTo(3);
    }

    @Test
    void recordCountQuota_refusesTheWriteWith507_andKeepsUsage() {
        String bob = server.token("bob");
        for (int i = 0; i < 3; i++) {
            assertThat(api.put("/v1/users/bob/records/k" + i, bob, "1").status()).isEqualTo(201);
        }
        assertThat(api.put("/v1/users/bob/records/k3", bob, "1").status()).isEqualTo(507);
        assertThat(api.put("/v1/users/bob/records/k0", bob, "2").status()).as("replacing stays within quota").isEqualTo(200);
        assertThat(api.get("/v1/users/bob/records/k3", bob).status()).isEqualTo(404);
        assertThat(api.get("/v1/users/bob/usage", bob).json().get("used").get("records").asInt()).isEqualTo(3);
    }

    @Test
    void recordBytesQuota_refusesTheWriteWith507() {
        String cy = server.token("cy");
        assertThat(api.put("/v1/users/cy/records/big", cy, "\"" + "x".repeat(1000) + "\"").status()).isEqualTo(201);
        assertThat(api.put("/v1/users/cy/records/more", cy, "\"" + "x".repeat(100) + "\"").status()).isEqualTo(507);
    }

    @Test
    void blobQuota_refusesWith507_andLeavesNoFileBehind() throws Exception {
        String dee = server.token("dee");
        assertThat(api.request("PUT", "/v1/users/dee/blobs/a").token(dee).body(new byte[6000], "application/octet-stream").send().status()).isEqualTo(201);
        long filesBefore = blobFileCount();
        assertThat(api.request("PUT", "/v1/users/dee/blobs/b").token(dee).body(new byte[6000], "application/octet-stream").send().status()).isEqualTo(507);
        assertThat(blobFileCount()).isEqualTo(filesBefore);
        assertThat(api.get("/v1/users/dee/usage", dee).json().get("used").get("blobBytes").asInt()).isEqualTo(6000);
    }

    @Test
    void eraseUser_removesEverything_reportsIt_andIsIdempotent() throws Exception {
        String eli = server.token("eli");
        api.put("/v1/users/eli/records/a", eli, "\"abc\"");
        api.put("/v1/users/eli/records/b", eli, "1");
        api.request("PUT", "/v1/users/eli/blobs/f").token(eli).body(new byte[500], "application/octet-stream").send();
        long filesBefore = blobFileCount();

        JsonNode erased = api.delete("/v1/users/eli", eli).json();
        assertThat(erased.get("recordsDeleted").asInt()).isEqualTo(2);
        assertThat(erased.get("blobsDeleted").asInt()).isEqualTo(1);
        assertThat(erased.get("bytesFreed").asInt()).isEqualTo(5 + 1 + 500);
        assertThat(blobFileCount()).isEqualTo(filesBefore - 1);
        assertThat(api.get("/v1/users/eli/records/a", eli).status()).isEqualTo(404);
        assertThat(api.get("/v1/users/eli/usage", eli).json().get("used").get("records").asInt()).isZero();

        JsonNode again = api.delete("/v1/users/eli", server.adminToken()).json();
        assertThat(again.get("recordsDeleted").asInt()).isZero();
        assertThat(again.get("blobsDeleted").asInt()).isZero();
    }

    private static long blobFileCount() throws Exception {
        try (Stream<java.nio.file.Path> files = Files.walk(server.dataDir().resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
