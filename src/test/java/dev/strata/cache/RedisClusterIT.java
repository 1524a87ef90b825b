package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.testing.TestServer;
import dev.strata.testing.servers.RedisCluster;
import dev.strata.testing.servers.RedisServer;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas whose two-level cache is a Redis Cluster of three masters of this test's own: each user's keys
 * share the slot of the hash tag {@code {userId}}, so the fill and invalidation scripts run on that slot's master,
 * and an invalidation published there reaches the other replica whichever node it subscribed on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {
    private static final List<String> USERS = IntStream.range(0, 24).mapToObj(i -> "cluster-user-" + i).toList();

    static final ReplicaReads reads = new ReplicaReads();
    static RedisCluster cluster;
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() {
        cluster = RedisCluster.start(3);
        CacheTier tier = new CacheTier("cache_cluster", "cluster", cluster.seedUrls());
        a = tier.startReplica();
        b = tier.startReplica();
    }

    @AfterAll
    static void stop() {
        List.of(a, b).forEach(TestServer::close);
        cluster.close();
        System.out.println("RedisClusterIT: slowest read of a new value on the other replica: " + reads.slowestMillis() + " ms");
    }

    @Test
    @Order(1)
    void readsFillTheCluster_eachUsersKeysInTheSlotOfItsHashTag_spreadOverAllMasters() {
        for (String user : USERS) {
            String token = a.token(user);
            assertThat(a.client().put("/v1/users/" + user + "/records/k", token, "\"v1\"").status()).isEqualTo(201);
            assertThat(a.client().get("/v1/users/" + user + "/records/k", token).status()).isEqualTo(200);
        }
        RedisClusterClient client = RedisClusterClient.create(cluster.nodes().stream().map(n -> RedisURI.create(n.url())).toList());
        try (StatefulRedisClusterConnection<String, String> redis = client.connect()) {
            for (String user : USERS) {
                long slot = redis.sync().clusterKeyslot("{" + user + "}");
                assertThat(redis.sync().clusterKeyslot("strata:r:{" + user + "}/k")).isEqualTo(slot);
                assertThat(redis.sync().clusterKeyslot("strata:ug:{" + user + "}")).isEqualTo(slot);
                assertThat(redis.sync().exists("strata:r:{" + user + "}/k")).as("cached value of %s", user).isEqualTo(1L);
            }
        } finally {
            client.shutdown();
        }
        for (RedisServer node : cluster.nodes()) {
            RedisClient nodeClient = RedisClient.create(node.url());
            try (StatefulRedisConnection<String, String> redis = nodeClient.connect()) {
                assertThat(redis.sync().dbsize()).as("keys on the master at %s", node.url()).isPositive();
            } finally {
                nodeClient.shutdown();
            }
        }
    }

    @Test
    @Order(2)
    void writeViaA_isReadViaB_soon_forUsersOnEveryMaster() {
        reads.alternateWritesAndReads(a, b, USERS);
    }

    @Test
    @Order(3)
    void subscriptionsKilledOnEveryNode_nearCachesAreFlushedAndBypassed_thenUsedAgain_andStayCoherent() {
        List.of(a, b).forEach(replica -> assertThat(replica.client().unchecked().get("/metrics", null).text())
                .contains("strata_cache_near_flushes_total 0.0"));
        for (RedisServer node : cluster.nodes()) {
            RedisClient nodeClient = RedisClient.create(node.url());
            try (StatefulRedisConnection<String, String> redis = nodeClient.connect()) {
                redis.sync().clientKill(KillArgs.Builder.typePubsub());
            } finally {
                nodeClient.shutdown();
            }
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> List.of(a, b).forEach(replica -> {
            assertThat(replica.client().unchecked().get("/metrics", null).text()).containsPattern("strata_cache_near_flushes_total [1-9]");
            assertThat(replica.client().get("/v1/admin/topology", replica.adminToken()).json().get("cache").get("nearUsable")
                    .asBoolean()).isTrue();
        }));
        String user = USERS.get(1);
        String token = a.token(user);
        String path = "/v1/users/" + user + "/records/k";
        b.client().get(path, token);
        assertThat(a.client().put(path, token, "\"after\"").status()).isEqualTo(200);
        reads.assertReadsSoon(b, path, token, "after");
    }

    @Test
    @Order(4)
    void rateLimitBucketsLiveInTheCluster() {
        RedisClusterClient client = RedisClusterClient.create(cluster.nodes().stream().map(n -> RedisURI.create(n.url())).toList());
        try (StatefulRedisClusterConnection<String, String> redis = client.connect()) {
            String user = USERS.get(0);
            assertThat(a.client().get("/v1/users/" + user + "/usage", a.token(user)).status()).isEqualTo(200);
            assertThat(redis.sync().exists("strata:rl:" + user)).isEqualTo(1L);
        } finally {
            client.shutdown();
        }
    }
}
