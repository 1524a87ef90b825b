package dev.strata.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.auth.HmacTokens;
import dev.strata.domain.UserId;
import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A 1 GiB blob streams in and out of a server whose heap is 256 MiB: nothing holds a whole blob in memory. */
class LargeBlobIT {
    private static final long SIZE = 1L << 30;

    @Test
    void oneGibibyteBlob_uploadsAndDownloads_withA256MibHeap() throws Exception {
        String token = new HmacTokens(TestServer.SECRET, "strata", "strata", Clock.systemUTC())
                .issue(new UserId("big"), false, Duration.ofHours(1));
        Path dataDir = TestServer.temporaryDataDir();
        try (StrataProcess strata = StrataProcess.hundreds(dataDir, List.of("-Xmx256m"), Map.of())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            HttpRequest upload = HttpRequest.newBuilder(URI.create(strata.client().baseUrl() + "/v1/users/me/blobs/huge.bin"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(SIZE, sent)), SIZE))
                    .build();
            HttpResponse<String> put = http.send(upload, HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            String expected = HexFormat.of().formatHex(sent.digest());
            assertThat(put.body()).contains("\"size\":" + SIZE).contains(expected);

            HttpRequest download = HttpRequest.newBuilder(URI.create(strata.client().baseUrl() + "/v1/users/me/blobs/huge.bin"))
                    .header("Authorization", "Bearer " + token).build();
            HttpResponse<InputStream> get = http.send(download, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).isEqualTo(200);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long count = 0;
            try (InputStream in = get.body()) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    received.update(buffer, 0, n);
                    count += n;
                }
            }
            assertThat(count).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(expected);
            assertThat(strata.logText()).doesNotContain("OutOfMemoryError");
        }
    }

    /** Pseudo-random bytes of a fixed length, hashed as they are produced, never held whole. */
    private static final class GeneratedStream extends InputStream {
        private final Random random = new Random(42);
        private final MessageDigest digest;
        private long remaining;

        GeneratedStream(long size, MessageDigest digest) {
            this.remaining = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            digest.update(chunk);
            remaining -= n;
            return n;
        }
    }
}
