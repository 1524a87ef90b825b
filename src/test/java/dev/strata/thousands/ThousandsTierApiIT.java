package dev.strata.thousands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The thousands tier file on real PostgreSQL, S3Proxy and Redis, one replica: the key API scenarios. */
class ThousandsTierApiIT {
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        String tier = Files.readString(Path.of("config/tier-thousands.yaml"))
                + "quotas: {maxRecords: 1000, maxRecordBytes: 1MiB, maxBlobs: 100, maxBlobBytes: 20MiB}\n";
        server = TestServer.fromYaml(tier, ThousandsBackends.shared("thousands_api"));
        api = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void topology_showsTheConnectionBudgetSplitOverReplicas() {
        Response topology = api.get("/v1/admin/topology", server.adminToken());
        assertThat(topology.status()).isEqualTo(200);
        var store = topology.json().get("store");
        assertThat(store.get("dialect").asText()).isEqualTo("postgres");
        assertThat(store.get("connectionBudget").asInt()).isEqualTo(30);
        assertThat(store.get("replicas").asInt()).isEqualTo(3);
        assertThat(store.get("pool").asInt()).isEqualTo(10);
        assertThat(topology.json().get("blobs").get("type").asText()).isEqualTo("s3");
        assertThat(topology.json().get("cache").get("type").asText()).isEqualTo("two-level");
        assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
    }

    @Test
    void records_putGetReplaceDelete_throughPostgresAndTheTwoLevelCache() {
        String alice = server.token("alice");
        assertThat(api.put("/v1/users/alice/records/k", alice, "{\"v\":1}").status()).isEqualTo(201);
        assertThat(api.get("/v1/users/alice/records/k", alice).json().get("value").get("v").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/users/alice/records/k", alice).json().get("value").get("v").asInt()).isEqualTo(1);
        assertThat(api.put("/v1/users/alice/records/k", alice, "{\"v\":2}").status()).isEqualTo(200);
        assertThat(api.get("/v1/users/alice/records/k", alice).json().get("value").get("v").asInt()).isEqualTo(2);
        assertThat(api.delete("/v1/users/alice/records/k", alice).status()).isEqualTo(204);
        assertThat(api.get("/v1/users/alice/records/k", alice).status()).isEqualTo(404);
    }

    @Test
    void blobs_largeStreamedUpload_rangesReplaceAndDelete_onS3() {
        String bob = server.token("bob");
        byte[] big = randomBytes(12 * 1024 * 1024 + 17, 1); // more than two multipart parts, sent chunked
        Response put = api.request("PUT", "/v1/users/bob/blobs/big.bin").token(bob)
                .body(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)), "application/octet-stream")
                .send();
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().get("size").asLong()).isEqualTo(big.length);

        Response whole = api.get("/v1/users/bob/blobs/big.bin", bob);
        assertThat(whole.bytes()).isEqualTo(big);
        Response range = api.request("GET", "/v1/users/bob/blobs/big.bin").token(bob).header("Range", "bytes=5242870-5242889").send();
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(big, 5242870, 5242890));

        byte[] small = randomBytes(1000, 2);
        Response replaced = api.request("PUT", "/v1/users/bob/blobs/big.bin").token(bob).body(small, "text/plain").send();
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(api.get("/v1/users/bob/blobs/big.bin", bob).bytes()).isEqualTo(small);
        assertThat(api.request("PUT", "/v1/users/bob/blobs/empty").token(bob).body(new byte[0], "text/plain").send().status()).isEqualTo(201);
        assertThat(api.get("/v1/users/bob/blobs/empty", bob).bytes()).isEmpty();

        assertThat(api.delete("/v1/users/bob/blobs/big.bin", bob).status()).isEqualTo(204);
        assertThat(api.get("/v1/users/bob/blobs/big.bin", bob).status()).isEqualTo(404);
    }

    @Test
    void preferRedirect_answers307ToAPresignedUrlThatServesTheBytes() throws Exception {
        String carol = server.token("carol");
        byte[] bytes = randomBytes(4096, 3);
        api.request("PUT", "/v1/users/carol/blobs/photo").token(carol).body(bytes, "image/png").send();
        Response redirect = api.request("GET", "/v1/users/carol/blobs/photo").token(carol).header("Prefer", "redirect").send();
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.header("Preference-Applied")).isEqualTo("redirect");
        HttpResponse<byte[]> direct = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(redirect.header("Location"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).isEqualTo(bytes);
        assertThat(api.get("/v1/users/carol/blobs/photo", carol).status()).as("without the preference: streamed").isEqualTo(200);
    }

    @Test
    void blobQuota_refusesWith507() {
        String dee = server.token("dee");
        assertThat(api.request("PUT", "/v1/users/dee/blobs/a").token(dee).body(new byte[15 << 20], "application/octet-stream")
                .send().status()).isEqualTo(201);
        assertThat(api.request("PUT", "/v1/users/dee/blobs/b").token(dee).body(new byte[6 << 20], "application/octet-stream")
                .send().status()).isEqualTo(507);
        assertThat(api.get("/v1/users/dee/usage", dee).json().get("used").get("blobs").asInt()).isEqualTo(1);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
