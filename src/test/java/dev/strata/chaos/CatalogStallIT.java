package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.adapter.store.jdbc.SqlDialect;
import dev.strata.config.StoreConfig;
import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.ShardRouter;
import dev.strata.millions.MillionsTier;
import dev.strata.millions.ShardCatalog;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServer;
import dev.strata.testing.servers.PostgresServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3b: the first shard, which holds the bucket directory's catalog, frozen (SIGSTOP of its postmaster and
 * every backend) for a few seconds. The directory poller's reads of the catalog fail within the catalog pool's
 * timeouts instead of hanging, the directory shows as stale, the other shards' users are served with the last
 * directory, readiness stays up and answers promptly, a replica started meanwhile gives up within a bound and names
 * the catalog, and after SIGCONT a directory version published then is picked up within a few polls.
 */
class CatalogStallIT {
    private static final String FAILED_READS = "strata_directory_read_failures_total";
    private static final String READ_AGE = "strata_directory_read_age_seconds";
    /** Scheduling delay allowed on top of the catalog pool's own timeouts on a busy two-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    /**
     * Well under the pod's readiness probe timeout (3 s, k8s/base/deployment.yaml): a probe of the frozen shard alone
     * takes the 2 s wait for a pooled connection, so readiness must not wait for it.
     */
    private static final Duration READINESS_DEADLINE = Duration.ofMillis(1500);
    /** The 2 s wait for a pooled connection, plus closing the pool, plus the rest of a start-up. */
    private static final Duration START_DEADLINE = Duration.ofSeconds(10);

    @Test
    void frozenCatalogShard_failsEachDirectoryReadInBoundedTime_otherShardsServed_andANewVersionIsFollowedAfterThaw()
            throws Exception {
        try (PostgresServers shards = PostgresServers.start(3);
             TestServer server = new MillionsTier(shards).start("all")) {
            ShardCatalog catalog = new ShardCatalog(shards);
            ShardRouter router = catalog.router();
            BucketAssignment before = router.assignment();
            List<String> elsewhere = IntStream.range(0, 40).mapToObj(i -> "catalog-stall-user-" + i)
                    .filter(user -> ShardCatalog.indexOf(router.shardOf(user)) != 0).toList();
            assertThat(elsewhere).hasSizeGreaterThanOrEqualTo(10);
            elsewhere.forEach(user -> assertThat(write(server, user, 1).status()).isEqualTo(201));

            Duration readDeadline = readDeadline(server);
            PostgresServer catalogShard = shards.get(0);
            StringBuilder summary = new StringBuilder("catalog shard frozen;");
            long frozenAt = System.nanoTime();
            catalogShard.pause();
            try {
                CompletableFuture<StartOutcome> newReplica = startReplica(shards);

                double failed = server.metric(FAILED_READS);
                for (int read = 1; read <= 2; read++) {
                    double failedSoFar = failed;
                    await("failed catalog read " + read + " within " + readDeadline).atMost(readDeadline)
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> server.metric(FAILED_READS) > failedSoFar);
                    failed = server.metric(FAILED_READS);
                    summary.append(" failed read ").append(read).append(" after ").append(since(frozenAt)).append(';');
                }
                assertThat(store(server).path("directoryStale").asBoolean()).as("topology says stale").isTrue();
                assertThat(server.metric(READ_AGE)).as("seconds since the last catalog read").isGreaterThan(1);

                for (String user : elsewhere) {
                    long started = System.nanoTime();
                    assertThat(write(server, user, 2).status()).as("write of %s", user).isEqualTo(200);
                    assertThat(server.client().get("/v1/users/me/records/profile", server.token(user)).status())
                            .as("read of %s", user).isEqualTo(200);
                    assertThat(since(started)).as("%s served promptly", user).isLessThan(readDeadline);
                }

                long probed = System.nanoTime();
                Response ready = server.client().unchecked().request("GET", "/health/ready").send();
                assertThat(ready.status()).as("ready while the other shards answer: %s", ready.text()).isEqualTo(200);
                assertThat(since(probed)).as("readiness answered within").isLessThan(READINESS_DEADLINE);
                summary.append(" readiness answered in ").append(since(probed)).append(';');

                StartOutcome start = awaitStart(newReplica);
                assertThat(start.failure()).as("a replica cannot start without the directory").isNotNull();
                assertThat(start.failure().getMessage()).contains("bucket directory", "first URL of store.urls");
                assertThat(start.took()).as("start-up gave up within").isLessThanOrEqualTo(START_DEADLINE);
                summary.append(" new replica failed after ").append(start.took()).append(": ")
                        .append(start.failure().getMessage()).append(';');
            } finally {
                catalogShard.resume();
            }

            summary.append(" thawed after ").append(since(frozenAt)).append(';');
            long publishedAt = System.nanoTime();
            catalog.publish(before.rebalanceTo(before.shardIds()));
            await("new directory version after thaw").atMost(readDeadline).pollInterval(Duration.ofMillis(100))
                    .until(() -> store(server).path("directoryVersion").asLong() == before.version() + 1);
            System.out.println(summary.append(" new version followed ").append(since(publishedAt))
                    .append(" after it was published"));
            assertThat(store(server).path("directoryStale").asBoolean()).isFalse();
            assertThat(server.metric(READ_AGE)).isLessThan(1);
        }
    }

    /**
     * The longest one read of the catalog may take while its shard is frozen: the socket timeout the statement timeout
     * sets (longer than the 2 s wait for a pooled connection), plus the poll interval, plus slack.
     */
    private static Duration readDeadline(TestServer server) {
        StoreConfig.Sharded store = (StoreConfig.Sharded) server.config().store();
        return SqlDialect.socketTimeout(store.statementTimeout()).plus(store.directoryPoll()).plus(SLACK);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static Response write(TestServer server, String user, int n) {
        return server.client().put("/v1/users/me/records/profile", server.token(user), "{\"n\":" + n + "}");
    }

    private static JsonNode store(TestServer server) {
        return server.client().get("/v1/admin/topology", server.adminToken()).json().path("store");
    }

    /** How a replica's start-up ended: {@code failure} is null when it started. */
    private record StartOutcome(Throwable failure, Duration took) {
    }

    private static CompletableFuture<StartOutcome> startReplica(PostgresServers shards) {
        CompletableFuture<StartOutcome> outcome = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            long started = System.nanoTime();
            try (TestServer replica = new MillionsTier(shards).start("api")) {
                outcome.complete(new StartOutcome(null, since(started)));
            } catch (RuntimeException e) {
                outcome.complete(new StartOutcome(e, since(started)));
            }
        }, "catalog-stall-new-replica");
        // a start-up that hangs must not keep the test JVM alive
        starter.setDaemon(true);
        starter.start();
        return outcome;
    }

    private static StartOutcome awaitStart(CompletableFuture<StartOutcome> newReplica)
            throws InterruptedException, ExecutionException {
        try {
            return newReplica.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("a replica started while the catalog's shard is frozen neither started nor failed"
                    + " within " + START_DEADLINE + " more", e);
        }
    }
}
