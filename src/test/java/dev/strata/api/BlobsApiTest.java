package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.HundredsTierTest;
import dev.strata.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BlobsApiTest extends HundredsTierTest {

    @Test
    void put_thenGet_returnsSameBytesWithSha256AndContentType() throws Exception {
        String alice = server.token("alice");
        byte[] bytes = randomBytes(300_000, 1);
        Response put = api.request("PUT", "/v1/users/alice/blobs/photo.jpg").token(alice).body(bytes, "image/jpeg").send();
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().get("size").asLong()).isEqualTo(bytes.length);
        assertThat(put.json().get("sha256").asText()).isEqualTo(sha256(bytes));
        assertThat(put.header("ETag")).isEqualTo("\"" + sha256(bytes) + "\"");

        Response get = api.get("/v1/users/alice/blobs/photo.jpg", alice);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(get.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(get.bytes()).isEqualTo(bytes);
    }

    @Test
    void head_returnsHeadersWithoutBody() {
        String bob = server.token("bob");
        api.request("PUT", "/v1/users/bob/blobs/a.bin").token(bob).body(new byte[1234], "application/octet-stream").send();
        Response head = api.request("HEAD", "/v1/users/bob/blobs/a.bin").token(bob).send();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("1234");
        assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(head.bytes()).isEmpty();
    }

    @Test
    void rangeRequests_return206WithTheSlice_and416OutsideTheBlob() {
        String carol = server.token("carol");
        byte[] bytes = randomBytes(10_000, 2);
        api.request("PUT", "/v1/users/carol/blobs/r").token(carol).body(bytes, "application/octet-stream").send();

        Response middle = api.request("GET", "/v1/users/carol/blobs/r").token(carol).header("Range", "bytes=100-199").send();
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 100-199/10000");
        assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));

        Response suffix = api.request("GET", "/v1/users/carol/blobs/r").token(carol).header("Range", "bytes=-10").send();
        assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 9_990, 10_000));

        Response open = api.request("GET", "/v1/users/carol/blobs/r").token(carol).header("Range", "bytes=9000-").send();
        assertThat(open.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 9_000, 10_000));

        Response outside = api.request("GET", "/v1/users/carol/blobs/r").token(carol).header("Range", "bytes=20000-").send();
        assertThat(outside.status()).isEqualTo(416);
        assertThat(outside.header("Content-Range")).isEqualTo("bytes */10000");
    }

    @Test
    void get_withMatchingIfNoneMatch_returns304() {
        String dan = server.token("dan");
        String etag = api.request("PUT", "/v1/users/dan/blobs/x").token(dan).body(new byte[] {1, 2, 3}, "application/octet-stream").send().header("ETag");
        assertThat(api.request("GET", "/v1/users/dan/blobs/x").token(dan).header("If-None-Match", etag).send().status()).isEqualTo(304);
    }

    @Test
    void replace_storesNewBytesUnderANewKey_andDeletesTheOldFile() throws IOException {
        String eve = server.token("eve");
        api.request("PUT", "/v1/users/eve/blobs/doc").token(eve).body(randomBytes(5000, 3), "text/plain").send();
        List<Path> before = blobFiles();
        Response replaced = api.request("PUT", "/v1/users/eve/blobs/doc").token(eve).body(randomBytes(7000, 4), "text/plain").send();
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("version").asLong()).isEqualTo(2);
        List<Path> after = blobFiles();
        assertThat(after).hasSameSizeAs(before).doesNotContainAnyElementsOf(before.stream().filter(p -> !after.contains(p)).toList());
        assertThat(after.stream().anyMatch(p -> p.toString().contains("doc"))).as("client names never reach storage paths").isFalse();
        assertThat(api.get("/v1/users/eve/blobs/doc", eve).bytes()).hasSize(7000);
    }

    @Test
    void delete_removesMetadataAndBytes() throws IOException {
        String fay = server.token("fay");
        api.request("PUT", "/v1/users/fay/blobs/tmp").token(fay).body(randomBytes(100, 5), "text/plain").send();
        int files = blobFiles().size();
        assertThat(api.delete("/v1/users/fay/blobs/tmp", fay).status()).isEqualTo(204);
        assertThat(api.get("/v1/users/fay/blobs/tmp", fay).status()).isEqualTo(404);
        assertThat(blobFiles()).hasSize(files - 1);
    }

    @Test
    void list_pagesBlobsByName() {
        String gus = server.token("gus");
        for (int i = 0; i < 5; i++) {
            api.request("PUT", "/v1/users/gus/blobs/img-" + i).token(gus).body(new byte[i], "image/png").send();
        }
        Response page = api.get("/v1/users/gus/blobs?prefix=img-&limit=3", gus);
        assertThat(page.json().get("items")).hasSize(3);
        Response rest = api.get("/v1/users/gus/blobs?prefix=img-&cursor=" + page.json().get("nextCursor").asText(), gus);
        assertThat(rest.json().get("items")).hasSize(2);
        assertThat(rest.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void orphanSweep_removesOldFilesNoRowPointsTo_andKeepsReferencedOnes() throws IOException {
        String hugo = server.token("hugo");
        api.request("PUT", "/v1/users/hugo/blobs/kept").token(hugo).body(randomBytes(64, 6), "text/plain").send();
        Path orphan = server.dataDir().resolve("blobs/zz/orphan-left-by-a-crash");
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, new byte[] {1});
        List<Path> aged = blobFiles();
        for (Path p : aged) {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
        }
        int deleted = server.app().orphanSweeper().sweep();
        assertThat(deleted).isEqualTo(1);
        assertThat(orphan).doesNotExist();
        assertThat(api.get("/v1/users/hugo/blobs/kept", hugo).status()).isEqualTo(200);
    }

    private static List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(server.dataDir().resolve("blobs"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".incoming")).toList();
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
