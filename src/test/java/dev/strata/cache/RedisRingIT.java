package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.config.StoreConfig;
import dev.strata.domain.sharding.BucketHasher;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas whose two-level cache is a ring of three redis-server nodes of this test's own: each user's cache
 * entries and rate-limit bucket live on the node {@code bucket mod 3} names, invalidations reach the other replica
 * through that node, and a killed node sends only its own users to the database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRingIT {
    private static final BucketHasher BUCKETS = new BucketHasher(StoreConfig.Sharded.DEFAULT_BUCKETS);
    private static final List<String> USERS = IntStream.range(0, 24).mapToObj(i -> "ring-user-" + i).toList();

    static final ReplicaReads reads = new ReplicaReads();
    static List<RedisServer> nodes;
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() {
        nodes = List.of(RedisServer.start(), RedisServer.start(), RedisServer.start());
        CacheTier tier = new CacheTier("cache_ring", "ring", String.join(",", nodes.stream().map(RedisServer::url).toList()));
        a = tier.startReplica();
        b = tier.startReplica();
    }

    @AfterAll
    static void stop() {
        List.of(a, b).forEach(TestServer::close);
        nodes.forEach(RedisServer::close);
        System.out.println("RedisRingIT: slowest read of a new value on the other replica: " + reads.slowestMillis() + " ms");
    }

    @Test
    @Order(1)
    void usersSpreadOverAllThreeNodes_eachUsersKeysOnlyOnTheNodeOfItsBucket() {
        for (String user : USERS) {
            String token = a.token(user);
            assertThat(a.client().put("/v1/users/" + user + "/records/k", token, "\"v1\"").status()).isEqualTo(201);
            assertThat(a.client().get("/v1/users/" + user + "/records/k", token).status()).isEqualTo(200);
        }
        int[] usersPerNode = new int[3];
        List<RedisClient> clients = nodes.stream().map(node -> RedisClient.create(node.url())).toList();
        try {
            List<StatefulRedisConnection<String, String>> redis = clients.stream().map(RedisClient::connect).toList();
            for (String user : USERS) {
                // refreshes the user's rate-limit bucket, which expires 3 s after its last request
                assertThat(a.client().get("/v1/users/" + user + "/records/k", a.token(user)).status()).isEqualTo(200);
                for (int node = 0; node < 3; node++) {
                    long expected = nodeOf(user) == node ? 1L : 0L;
                    assertThat(redis.get(node).sync().exists("strata:r:{" + user + "}/k")).as("%s on node %d", user, node)
                            .isEqualTo(expected);
                    assertThat(redis.get(node).sync().exists("strata:rl:" + user)).as("rate limit of %s on node %d", user, node)
                            .isEqualTo(expected);
                }
                usersPerNode[nodeOf(user)]++;
            }
        } finally {
            clients.forEach(RedisClient::shutdown);
        }
        assertThat(usersPerNode).as("users per node").doesNotContain(0);
    }

    @Test
    @Order(2)
    void writeViaA_isReadViaB_atOnce_forUsersOnEveryNode() {
        reads.alternateWritesAndReads(a, b, USERS);
    }

    @Test
    @Order(3)
    void oneNodeKilled_onlyItsUsersFallBackToTheDatabase_withoutErrors_andItsUsersAreCachedAgainAfterRestart() {
        int dead = 1;
        nodes.get(dead).kill();
        for (int round = 1; round <= 3; round++) {
            for (String user : USERS) {
                String token = a.token(user);
                String path = "/v1/users/" + user + "/records/k";
                String value = "\"down" + round + "\"";
                assertThat((round % 2 == 0 ? a : b).client().put(path, token, value).status()).as(user).isEqualTo(200);
                for (TestServer reader : List.of(a, b)) {
                    reads.assertReadsSoon(reader, path, token, "down" + round);
                }
            }
        }
        for (TestServer replica : List.of(a, b)) {
            String metrics = replica.client().unchecked().get("/metrics", null).text();
            assertThat(readFallbacks(metrics, dead)).isPositive();
            assertThat(readFallbacks(metrics, 0)).isZero();
            assertThat(readFallbacks(metrics, 2)).isZero();
            JsonNode ring = replica.client().get("/v1/admin/topology", replica.adminToken()).json().get("cache");
            assertThat(ring.get("type").asText()).isEqualTo("ring");
            assertThat(ring.get("nodes").get(dead).get("nearUsable").asBoolean()).isFalse();
            assertThat(ring.get("nodes").get(0).get("nearUsable").asBoolean()).isTrue();
            assertThat(ring.get("nodes").get(2).get("nearUsable").asBoolean()).isTrue();
        }

        nodes.get(dead).restart();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> List.of(a, b).forEach(r -> assertThat(
                r.client().get("/v1/admin/topology", r.adminToken()).json().get("cache").get("nodes").get(dead)
                        .get("nearUsable").asBoolean()).isTrue()));
        String user = USERS.stream().filter(u -> nodeOf(u) == dead).findFirst().orElseThrow();
        String token = a.token(user);
        String path = "/v1/users/" + user + "/records/k";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(b.client().put(path, token, "\"back\"").status()).isEqualTo(200);
            assertThat(a.client().get(path, token).json().get("value").asText()).isEqualTo("back");
            try (RedisClient client = RedisClient.create(nodes.get(dead).url());
                 StatefulRedisConnection<String, String> redis = client.connect()) {
                assertThat(redis.sync().exists("strata:r:{" + user + "}/k")).isEqualTo(1L);
            }
        });
        assertThat(b.client().get(path, token).json().get("value").asText()).isEqualTo("back");
    }

    private static int nodeOf(String user) {
        return BUCKETS.bucketOf(user) % 3;
    }

    private static double readFallbacks(String metrics, int node) {
        Matcher m = Pattern.compile("strata_cache_redis_fallbacks_total\\{node=\"" + node
                + "\",operation=\"read\",?} ([0-9.E]+)").matcher(metrics);
        assertThat(m.find()).as("read fallbacks of node %d in%n%s", node, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
