package dev.strata.thousands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Strata replicas (each with its own near-cache and Redis subscription) on one PostgreSQL, one S3Proxy and
 * one Redis of this test's own, so Redis can be stopped mid-test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiReplicaIT {
    static RedisServer redis;
    static List<TestServer> replicas;
    static TestServer a;
    static TestServer b;
    static TestServer c;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        Map<String, String> env = ThousandsBackends.env(PostgresServers.shared(1).get(0), S3ProxyServer.shared(), redis,
                "thousands_replicas");
        a = TestServer.thousands(env);
        b = TestServer.thousands(env);
        c = TestServer.thousands(env);
        replicas = List.of(a, b, c);
    }

    @AfterAll
    static void stop() {
        replicas.forEach(TestServer::close);
        redis.close();
    }

    @Test
    @Order(1)
    void writeViaA_isReadViaBAndCAtOnce_andAnUpdateViaC_isNeverStaleOnA() {
        String token = a.token("ann");
        for (int round = 1; round <= 20; round++) {
            String value = "{\"round\":" + round + "}";
            TestServer writer = round % 2 == 1 ? a : c;
            assertThat(writer.client().put("/v1/users/ann/records/profile", token, value).status()).isIn(200, 201);
            // every replica read the previous round, so each holds it in its near-cache and Redis holds it too
            List<CompletableFuture<Response>> reads = replicas.stream()
                    .map(r -> CompletableFuture.supplyAsync(() -> r.client().get("/v1/users/ann/records/profile", token)))
                    .toList();
            for (CompletableFuture<Response> read : reads) {
                Response response = read.join();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().get("value").get("round").asInt()).as("round %d", round).isEqualTo(round);
            }
        }
    }

    @Test
    @Order(2)
    void blobWrittenViaOneReplica_streamsFromAnother() {
        String token = b.token("ben");
        byte[] bytes = new byte[3_000_000];
        new Random(7).nextBytes(bytes);
        assertThat(b.client().request("PUT", "/v1/users/ben/blobs/video").token(token).body(bytes, "video/mp4").send().status())
                .isEqualTo(201);
        assertThat(c.client().get("/v1/users/ben/blobs/video", token).bytes()).isEqualTo(bytes);
        assertThat(a.client().request("GET", "/v1/users/ben/blobs/video").token(token).header("Range", "bytes=10-19").send().bytes())
                .isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 20));
    }

    @Test
    @Order(3)
    void sameIdempotencyKeyOnTwoReplicas_replaysTheFirstResult() {
        String token = a.token("cid");
        Response first = a.client().request("PUT", "/v1/users/cid/records/order").token(token)
                .header("Idempotency-Key", "order-1").body("{\"n\":1}").send();
        Response replay = b.client().request("PUT", "/v1/users/cid/records/order").token(token)
                .header("Idempotency-Key", "order-1").body("{\"n\":1}").send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(c.client().get("/v1/users/cid/records/order", token).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void rateLimit_holdsAcrossReplicas() {
        String token = a.token("dan");
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<CompletableFuture<Integer>> statuses = IntStream.range(0, 700)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> replicas.get(i % 3).client().get("/v1/users/dan/usage", token).status(), clients))
                    .toList();
            long granted = statuses.stream().map(CompletableFuture::join).filter(status -> status == 200).count();
            // one shared bucket: burst 200 plus 100/s of refill while the burst runs; three local buckets would grant 600+
            assertThat(granted).isBetween(200L, 450L);
            assertThat(statuses.stream().map(CompletableFuture::join).filter(status -> status != 200 && status != 429)).isEmpty();
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(5)
    void redisStopped_readsAndWritesStillSucceedFromTheDatabase_andTheCacheWorksAgainAfterRestart() {
        String token = a.token("eva");
        a.client().put("/v1/users/eva/records/k", token, "1");
        redis.kill();
        for (int i = 2; i <= 10; i++) {
            TestServer writer = replicas.get(i % 3);
            assertThat(writer.client().put("/v1/users/eva/records/k", token, Integer.toString(i)).status()).isEqualTo(200);
            for (TestServer reader : replicas) {
                Response read = reader.client().get("/v1/users/eva/records/k", token);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.json().get("value").asInt()).isEqualTo(i);
            }
        }
        String metrics = a.client().unchecked().get("/metrics", null).text();
        assertThat(metrics).contains("strata_cache_redis_fallbacks_total{operation=\"read\"}");

        redis.restart();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> replicas.forEach(r -> assertThat(
                r.client().get("/v1/admin/topology", r.adminToken()).json().get("cache").get("nearUsable").asBoolean()).isTrue()));
        assertThat(c.client().put("/v1/users/eva/records/k", token, "11").status()).isEqualTo(200);
        for (TestServer reader : replicas) {
            assertThat(reader.client().get("/v1/users/eva/records/k", token).json().get("value").asInt()).isEqualTo(11);
        }
        assertThat(b.client().put("/v1/users/eva/records/k", token, "12").status()).isEqualTo(200);
        for (TestServer reader : replicas) {
            assertThat(reader.client().get("/v1/users/eva/records/k", token).json().get("value").asInt()).isEqualTo(12);
        }
    }
}
