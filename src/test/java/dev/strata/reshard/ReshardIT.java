package dev.strata.reshard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.BucketHasher;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Online resharding on four real PostgreSQL servers while clients write and read through two api replicas that were
 * started with the three-shard file and are never restarted: 3 → 4 shards with a reshard killed by SIGKILL midway and
 * rerun, then 4 → 3 by removing a shard.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReshardIT {
    private static final Duration RESHARD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration LONGEST_ALLOWED_UNAVAILABLE = Duration.ofSeconds(3);

    private static PostgresServers servers;
    private static ShardSql sql;
    private static ReshardTier tier;
    private static Path threeShards;
    private static Path fourShards;
    private static List<TestServer> replicas;

    @BeforeAll
    static void start() {
        servers = PostgresServers.start(4);
        sql = new ShardSql(servers);
        tier = new ReshardTier(servers);
        threeShards = tier.file("three.yaml", List.of(0, 1, 2));
        fourShards = tier.file("four.yaml", List.of(0, 1, 2, 3));
        replicas = List.of(ReshardTier.replica(threeShards), ReshardTier.replica(threeShards));
    }

    @AfterAll
    static void stop() {
        if (replicas != null) {
            replicas.forEach(TestServer::close);
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void threeToFour_underLoad_withACrashedRun_movesAQuarterOfTheBuckets_andLosesNothing() throws Exception {
        Workload load = new Workload(replicas, keys("a", 60, 2)).seed();
        try {
            String preview = ReshardProcess.run(RESHARD_TIMEOUT, "--from", threeShards.toString(), "--to",
                    fourShards.toString(), "--dry-run");
            assertThat(preview).contains("16 of 64 buckets move (25.0% of buckets)").contains("shard-3");

            load.start(4, 2);
            try (ReshardProcess crashing = ReshardProcess.start("--from", threeShards.toString(), "--to", fourShards.toString())) {
                awaitPublished(crashing, 3);
                crashing.kill();
            }
            assertThat(sql.strings(0, "SELECT state FROM strata_catalog.reshard_plan")).containsExactly("running");
            assertThat(published()).as("buckets moved before the crash").isBetween(3L, 15L);

            String rerun = ReshardProcess.run(RESHARD_TIMEOUT, "--from", threeShards.toString(), "--to", fourShards.toString());
            System.out.println(rerun);
            assertThat(rerun).contains("reshard done");
            Thread.sleep(1000);
        } finally {
            load.close();
        }
        BucketAssignment directory = sql.directory();
        assertThat(directory.shardIds()).containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
        assertThat(directory.bucketCounts().values()).containsOnly(16);
        assertThat(sql.strings(0, "SELECT from_shard || '>' || to_shard FROM strata_catalog.reshard_bucket"))
                .as("a quarter of the buckets move, all to the new shard").hasSize(16).allMatch(pair -> pair.endsWith(">shard-3"));
        assertNothingLostOrStale(load, directory);
    }

    @Test
    @Order(2)
    void fourToThree_underLoad_movesOnlyTheRemovedShardsBuckets() throws Exception {
        Path withoutSecond = tier.file("without-second.yaml", List.of(0, 2, 3));
        Workload load = new Workload(replicas, keys("b", 60, 2)).seed().start(4, 2);
        try {
            assertThat(ReshardProcess.run(RESHARD_TIMEOUT, "--from", fourShards.toString(), "--to", withoutSecond.toString()))
                    .contains("reshard done");
            Thread.sleep(1000);
        } finally {
            load.close();
        }
        BucketAssignment directory = sql.directory();
        assertThat(directory.shardIds()).containsExactly("shard-0", "shard-2", "shard-3");
        assertThat(sql.strings(0, "SELECT from_shard FROM strata_catalog.reshard_bucket WHERE plan_id = 2"))
                .hasSize(16).containsOnly("shard-1");
        assertThat(sql.count(1, "SELECT count(*) FROM records")).as("rows left on the removed shard").isZero();
        assertNothingLostOrStale(load, directory);
    }

    @Test
    @Order(3)
    void rollback_ofAnInterruptedReshard_restoresTheDirectoryItStartedFrom() throws Exception {
        Path withoutSecond = tier.file("without-second-again.yaml", List.of(0, 2, 3));
        Workload load = new Workload(replicas, keys("c", 60, 2)).seed().start(4, 2);
        try {
            try (ReshardProcess crashing = ReshardProcess.start("--from", withoutSecond.toString(), "--to", fourShards.toString())) {
                awaitPublished(crashing, 2);
                crashing.kill();
            }
            assertThat(ReshardProcess.run(RESHARD_TIMEOUT, "--from", withoutSecond.toString(), "--to", fourShards.toString(),
                    "--rollback")).contains("reshard done");
            Thread.sleep(1000);
        } finally {
            load.close();
        }
        assertThat(sql.strings(0, "SELECT state FROM strata_catalog.reshard_plan ORDER BY plan_id"))
                .containsExactly("done", "done", "rolled-back", "done");
        BucketAssignment started = sql.directory(sql.count(0, "SELECT from_version FROM strata_catalog.reshard_plan WHERE plan_id = 3"));
        BucketAssignment directory = sql.directory();
        assertThat(directory.shardIds()).isEqualTo(started.shardIds());
        assertThat(directory.shardIndexByBucket()).isEqualTo(started.shardIndexByBucket());
        assertThat(sql.count(1, "SELECT count(*) FROM records")).as("copies left on the shard that was being added").isZero();
        assertNothingLostOrStale(load, directory);
    }

    /**
     * No client saw a failure or an older version than before, freezes stayed short, every key holds its last
     * acknowledged write (and its version counts each acknowledged write once), every row lives only on the shard
     * that owns its user's bucket, no bucket is left frozen, and every replica serves the final directory.
     */
    private static void assertNothingLostOrStale(Workload load, BucketAssignment directory) {
        System.out.printf("load: %d writes acknowledged, %d reads, %d answers 503, longest 503 run %d ms%n",
                load.acknowledged(), load.reads(), load.unavailable(), load.longestUnavailable().toMillis());
        assertThat(load.violations()).isEmpty();
        assertThat(load.acknowledged()).isGreaterThan(100);
        assertThat(load.reads()).isGreaterThan(100);
        assertThat(load.longestUnavailable()).isLessThan(LONGEST_ALLOWED_UNAVAILABLE);
        for (TestServer replica : replicas) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> replica.client()
                    .get("/v1/admin/topology", replica.adminToken()).json().path("store").path("directoryVersion").asLong()
                    == directory.version());
            load.ledger().forEach((key, acked) -> {
                var record = replica.client().get(key.path(), replica.token(key.user())).json();
                assertThat(record.path("value").path("n").asLong()).as("value of %s", key).isEqualTo(acked.n());
                assertThat(record.path("version").asLong()).as("version of %s", key).isEqualTo(acked.version());
            });
        }
        BucketHasher hasher = new BucketHasher(directory.buckets());
        for (Map.Entry<String, Integer> shard : sql.serverOfShard().entrySet()) {
            int server = shard.getValue();
            for (String user : sql.strings(server, "SELECT DISTINCT user_id FROM records")) {
                assertThat(directory.shardOf(hasher.bucketOf(user))).as("owner of %s, found on %s", user, shard.getKey())
                        .isEqualTo(shard.getKey());
            }
            assertThat(sql.count(server, "SELECT count(*) FROM bucket_fence WHERE state = 'frozen'")).isZero();
        }
    }

    private static long published() {
        return sql.count(0, "SELECT count(*) FROM strata_catalog.reshard_bucket WHERE step = 'PUBLISHED'");
    }

    private static List<Workload.Key> keys(String prefix, int users, int keysPerUser) {
        return IntStream.range(0, users).boxed().flatMap(u -> IntStream.range(0, keysPerUser)
                .mapToObj(k -> new Workload.Key(prefix + "-user-" + u, "k" + k))).toList();
    }

    private static void awaitPublished(ReshardProcess reshard, int buckets) throws InterruptedException {
        long deadline = System.nanoTime() + RESHARD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && reshard.isAlive()) {
            if (sql.strings(0, "SELECT to_regclass('strata_catalog.reshard_bucket')::text").get(0) != null
                    && published() >= buckets) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("reshard did not publish " + buckets + " buckets before it "
                + (reshard.isAlive() ? "timed out" : "ended") + ":\n" + reshard.output());
    }
}
