package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fills a hundreds-tier server through the HTTP API (records replaced to several versions, idempotent writes,
 * small and large blobs) and remembers every GET answer, so another server can be checked against it.
 */
final class HundredsData {
    static final int USERS = 200;
    private static final int[] LARGE_BLOB_MIB = {5, 12, 20};

    /** One GET: its path, status, ETag and body bytes. */
    record Answer(String path, int status, String etag, byte[] body) {
        static Answer of(String path, Response r) {
            return new Answer(path, r.status(), r.header("ETag"), r.bytes());
        }

        /** Status, ETag and the start of the body, for failure messages. */
        String describe() {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            return status + " " + etag + " " + text.substring(0, Math.min(200, text.length()));
        }

        boolean sameAs(Answer other) {
            return path.equals(other.path) && status == other.status && java.util.Objects.equals(etag, other.etag)
                    && Arrays.equals(body, other.body);
        }
    }

    private HundredsData() {
    }

    static String user(int i) {
        return String.format("user-%03d", i);
    }

    /** Writes the data set and returns every path whose answer must survive a migration. */
    static List<String> write(TestServer server) {
        ApiClient api = server.client();
        Random random = new Random(42);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String user = user(i);
            String token = server.token(user);
            for (int k = 0; k < 5; k++) {
                String path = "/v1/users/" + user + "/records/notes-" + k;
                assertThat(api.put(path, token, "{\"n\":" + k + ",\"text\":\"héllo " + user + "\"}").status()).isEqualTo(201);
                for (int version = 0; version < i % 3; version++) {
                    assertThat(api.put(path, token, "{\"n\":" + k + ",\"v\":" + version + "}").status()).isEqualTo(200);
                }
                paths.add(path);
            }
            String keyed = "/v1/users/" + user + "/records/keyed";
            assertThat(api.request("PUT", keyed).token(token).header("Idempotency-Key", "key-" + user)
                    .body("{\"once\":true}").send().status()).isEqualTo(201);
            paths.add(keyed);
            if (i % 4 == 0) {
                byte[] bytes = new byte[1 + random.nextInt(100 * 1024)];
                random.nextBytes(bytes);
                paths.add(putBlob(server, user, "small.bin", bytes, i % 8 == 0 ? "image/png" : "application/octet-stream"));
            }
            paths.add("/v1/users/" + user + "/usage");
        }
        for (int m = 0; m < LARGE_BLOB_MIB.length; m++) {
            byte[] bytes = new byte[LARGE_BLOB_MIB[m] * 1024 * 1024 + m];
            random.nextBytes(bytes);
            String user = user(USERS / 2 + m * 30);
            paths.add(putBlob(server, user, "large-" + m + ".bin", bytes, "application/octet-stream"));
        }
        return paths;
    }

    static List<Answer> read(TestServer server, List<String> paths) {
        ApiClient api = server.client();
        return paths.stream().map(path -> Answer.of(path, api.get(path, server.token(path.split("/")[3])))).toList();
    }

    private static String putBlob(TestServer server, String user, String name, byte[] bytes, String contentType) {
        String path = "/v1/users/" + user + "/blobs/" + name;
        Response put = server.client().request("PUT", path).token(server.token(user)).body(bytes, contentType).send();
        assertThat(put.status()).isEqualTo(201);
        return path;
    }
}
