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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis answering nothing for seconds ({@code CLIENT PAUSE ... ALL}) while two replicas serve reads and writes:
 * every request is answered from PostgreSQL within a few command timeouts, never with a 5xx, and the replicas
 * agree again once Redis answers.
 */
class RedisSlowIT {
    private static final Duration PAUSE = Duration.ofSeconds(4);
    private static final Duration LOAD_DURING_PAUSE = Duration.ofSeconds(3);
    private static final int MAX_ROUNDS = 30;
    /** The rate limiter, the cache read and the invalidation may each wait one 250ms command timeout. */
    private static final Duration MAX_REQUEST_TIME = Duration.ofMillis(1500);
    private static final String READ_FALLBACKS = "strata_cache_redis_fallbacks_total{operation=\"read\"}";
    private static final String INVALIDATE_FALLBACKS = "strata_cache_redis_fallbacks_total{operation=\"invalidate\"}";

    static RedisServer redis;
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        Map<String, String> env = ThousandsBackends.env(PostgresServers.shared(1).get(0), S3ProxyServer.shared(), redis,
                "thousands_redis_slow");
        a = TestServer.thousands(env);
        b = TestServer.thousands(env);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void redisPaused_requestsAreServedFromTheDatabaseInTime_andTheReplicasAgreeAfterThePause() {
        List<TestServer> replicas = List.of(a, b);
        put(a, 0);
        replicas.forEach(r -> assertThat(read(r)).isEqualTo(0)); // both near-caches and Redis hold the record

        long pauseEnds = System.nanoTime() + PAUSE.toNanos();
        redis.clientPause(PAUSE);
        long loadEnds = System.nanoTime() + LOAD_DURING_PAUSE.toNanos();
        int rounds = 0;
        while (rounds < MAX_ROUNDS && System.nanoTime() < loadEnds) {
            rounds++;
            TestServer writer = replicas.get(rounds % 2);
            TestServer other = replicas.get((rounds + 1) % 2);
            put(writer, rounds);
            assertThat(read(writer)).as("a replica reads its own write from the database").isEqualTo(rounds);
            read(other); // may still be the value in its near-cache: the invalidation waits for Redis
        }
        assertThat(System.nanoTime()).as("the load ran while Redis was paused").isLessThan(pauseEnds);
        assertThat(rounds).isGreaterThan(1);
        for (TestServer replica : replicas) {
            assertThat(replica.metric(READ_FALLBACKS)).isPositive();
        }
        assertThat(a.metric(INVALIDATE_FALLBACKS) + b.metric(INVALIDATE_FALLBACKS)).isPositive();

        int last = rounds;
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                replicas.forEach(r -> assertThat(read(r)).isEqualTo(last)));
        put(b, last + 1);
        replicas.forEach(r -> assertThat(read(r)).isEqualTo(last + 1));
    }

    private static void put(TestServer server, int value) {
        Response response = timed(() -> server.client().put("/v1/users/sam/records/k", server.token("sam"),
                Integer.toString(value)));
        assertThat(response.status()).isIn(200, 201);
    }

    private static int read(TestServer server) {
        Response response = timed(() -> server.client().get("/v1/users/sam/records/k", server.token("sam")));
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("value").asInt();
    }

    private static Response timed(Supplier<Response> request) {
        long start = System.nanoTime();
        Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MAX_REQUEST_TIME);
        return response;
    }
}
