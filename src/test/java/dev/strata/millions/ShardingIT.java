package dev.strata.millions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.domain.sharding.ShardRouter;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Sharded store on three real PostgreSQL servers of this class's own (the last test crashes one). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardingIT {
    private static PostgresServers shards;
    private static ShardCatalog catalog;
    private static TestServer server;
    private static final List<String> USERS = IntStream.range(0, 60).mapToObj(i -> "shard-user-" + i).toList();

    @BeforeAll
    static void start() {
        shards = PostgresServers.start(3);
        catalog = new ShardCatalog(shards);
        server = new MillionsTier(shards).start("all");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        shards.close();
    }

    @Test
    @Order(1)
    void eachUsersRows_liveOnlyOnTheShardTheDirectoryNames() {
        for (String user : USERS) {
            assertThat(server.client().put("/v1/users/me/records/profile", server.token(user), "{\"n\":1}").status())
                    .isEqualTo(201);
        }
        ShardRouter router = catalog.router();
        assertThat(router.assignment().version()).isEqualTo(1);
        assertThat(router.assignment().shardIds()).containsExactly("shard-0", "shard-1", "shard-2");
        Set<String> seen = new HashSet<>();
        for (int shard = 0; shard < 3; shard++) {
            for (String user : catalog.strings(shard, "SELECT user_id FROM records")) {
                assertThat(ShardCatalog.indexOf(router.shardOf(user))).as("shard of %s", user).isEqualTo(shard);
                assertThat(seen.add(user)).as("%s on one shard only", user).isTrue();
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(USERS);
    }

    @Test
    @Order(2)
    void topology_showsEveryShardWithItsBuckets() {
        JsonNode store = server.client().get("/v1/admin/topology", server.adminToken()).json().path("store");
        assertThat(store.path("type").asText()).isEqualTo("sharded");
        assertThat(store.path("buckets").asInt()).isEqualTo(64);
        List<String> ids = new ArrayList<>();
        int buckets = 0;
        for (JsonNode shard : store.path("shards")) {
            ids.add(shard.path("id").asText());
            buckets += shard.path("buckets").asInt();
            assertThat(shard.path("poolSize").asInt()).isEqualTo(4);
            assertThat(shard.path("circuit").asText()).isEqualTo("closed");
        }
        assertThat(ids).containsExactly("shard-0", "shard-1", "shard-2");
        assertThat(buckets).isEqualTo(64);
    }

    @Test
    @Order(3)
    void everyReplica_picksUpANewDirectoryVersion() {
        try (TestServer second = new MillionsTier(shards).start("api")) {
            assertThat(second.client().get("/v1/users/me/records/profile", second.token(USERS.get(0))).status()).isEqualTo(200);
            catalog.publish(catalog.router().assignment().rebalanceTo(List.of("shard-0", "shard-1", "shard-2")));
            for (TestServer replica : List.of(server, second)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> replica.client()
                        .get("/v1/admin/topology", replica.adminToken()).json().path("store").path("directoryVersion").asInt() == 2);
            }
        }
    }

    @Test
    @Order(4)
    void aDeadShard_failsOnlyItsOwnUsers_fast() {
        ShardRouter router = catalog.router();
        shards.get(2).crashStop();
        List<String> onDeadShard = USERS.stream().filter(u -> router.shardOf(u).equals("shard-2")).toList();
        List<String> elsewhere = USERS.stream().filter(u -> !router.shardOf(u).equals("shard-2")).toList();
        assertThat(onDeadShard).isNotEmpty();
        for (String user : onDeadShard) {
            long started = System.nanoTime();
            var response = server.client().get("/v1/users/me/records/profile", server.token(user));
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
        for (String user : elsewhere) {
            assertThat(server.client().get("/v1/users/me/records/profile", server.token(user)).status()).isEqualTo(200);
        }
        assertThat(server.client().get("/v1/admin/topology", server.adminToken()).json()
                .path("store").path("shards").get(2).path("circuit").asText()).isEqualTo("open");
        assertThat(server.client().get("/v1/users/me/records/profile", server.token(onDeadShard.get(0))).header("Retry-After"))
                .as("an open circuit asks clients to wait as long as it stays open")
                .isEqualTo(String.valueOf(server.config().resilience().breakerOpenFor().toSeconds()));
        assertThat(server.client().get("/health/ready", null).status()).as("ready while other shards serve").isEqualTo(200);
        assertThat(server.client().get("/metrics", null).text().lines())
                .contains("strata_shard_up{shard=\"shard-2\"} 0.0", "strata_shard_up{shard=\"shard-1\"} 1.0");
    }
}
