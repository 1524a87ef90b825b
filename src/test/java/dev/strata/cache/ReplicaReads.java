package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.TestServer;
import java.time.Duration;
import java.util.List;

/**
 * Reads a record through a replica other than the writer's until it shows the written value. The invalidation is
 * published before the write's response, but the reader applies it a moment later (on a loaded machine, more than
 * one HTTP round trip later); without the invalidation the old value would stay until the TTL (10 min).
 */
final class ReplicaReads {
    static final Duration INVALIDATION_DELIVERY = Duration.ofMillis(500);

    private long slowestMillis;

    /** The reader answers 200 with {@code expected} as the value within {@link #INVALIDATION_DELIVERY}. */
    void assertReadsSoon(TestServer reader, String path, String token, String expected) {
        long start = System.nanoTime();
        await().atMost(INVALIDATION_DELIVERY).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            Response read = reader.client().get(path, token);
            assertThat(read.status()).as(path).isEqualTo(200);
            assertThat(read.json().get("value").asText()).as(path).isEqualTo(expected);
        });
        slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Five rounds over {@code users}: the writer alternates between {@code a} and {@code b}, the other replica
     * first holds the previous value in its near-cache, then must read the new one.
     */
    void alternateWritesAndReads(TestServer a, TestServer b, List<String> users) {
        for (int round = 2; round <= 6; round++) {
            TestServer writer = round % 2 == 0 ? a : b;
            TestServer reader = writer == a ? b : a;
            for (String user : users) {
                String token = a.token(user);
                String path = "/v1/users/" + user + "/records/k";
                reader.client().get(path, token);
                assertThat(writer.client().put(path, token, "\"v" + round + "\"").status()).isEqualTo(200);
                assertReadsSoon(reader, path, token, "v" + round);
            }
        }
    }

    long slowestMillis() {
        return slowestMillis;
    }
}
