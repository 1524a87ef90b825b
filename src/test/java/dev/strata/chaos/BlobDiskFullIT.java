package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A full blob directory (a 2 MiB tmpfs): uploads get 507, nothing half-written remains, and space freed is usable again. */
class BlobDiskFullIT {
    private Path mountPoint;

    @Test
    void fullBlobDirectory_refusesUploadsWith507_keepsRecordsWorking_andRecovers() throws Exception {
        mountPoint = Files.createTempDirectory("strata-tmpfs-");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint.toString()) == 0,
                "needs root to mount a tmpfs (CI runs as root)");
        try (TestServer server = TestServer.fromYaml("""
                tier: disk-full
                dataDir: ${STRATA_DATA_DIR}
                server: {port: 0}
                auth: {secret: "${STRATA_JWT_SECRET}"}
                store: {type: h2}
                blobs: {type: filesystem, dir: "${BLOB_DIR}"}
                """, Map.of("BLOB_DIR", mountPoint.toString()))) {
            ApiClient api = server.client();
            String token = server.token("filler");
            byte[] big = new byte[1_500_000];
            new Random(1).nextBytes(big);
            assertThat(api.request("PUT", "/v1/users/me/blobs/first").token(token).body(big, "application/octet-stream").send().status()).isEqualTo(201);

            ApiClient.Response full = api.request("PUT", "/v1/users/me/blobs/second").token(token).body(new byte[1_000_000], "application/octet-stream").send();
            assertThat(full.status()).isEqualTo(507);
            assertThat(api.get("/v1/users/me/blobs/second", token).status()).isEqualTo(404);
            assertThat(api.get("/v1/users/me/usage", token).json().get("used").get("blobs").asInt()).isEqualTo(1);
            assertThat(api.get("/v1/users/me/blobs/first", token).bytes()).isEqualTo(big);
            assertThat(api.put("/v1/users/me/records/still-works", token, "true").status()).isEqualTo(201);
            try (var files = Files.walk(mountPoint.resolve(".incoming"))) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("no partial upload left behind").isEmpty();
            }

            assertThat(api.delete("/v1/users/me/blobs/first", token).status()).isEqualTo(204);
            assertThat(api.request("PUT", "/v1/users/me/blobs/second").token(token).body(new byte[1_000_000], "application/octet-stream").send().status()).isEqualTo(201);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            run("umount", mountPoint.toString());
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
