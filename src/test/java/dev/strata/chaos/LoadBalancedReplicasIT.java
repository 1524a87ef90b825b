package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.load.Ledger;
import dev.strata.testing.load.LoadDriver;
import dev.strata.testing.load.Tally;
import dev.strata.testing.load.Timeline;
import dev.strata.testing.load.Traffic;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import dev.strata.thousands.ThousandsBackends;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scenarios 1 and 2 on three replicas of the jar behind HAProxy, started by {@code deploy/local/start.sh}: a
 * rolling deploy's SIGTERM costs clients nothing, and a kill -9 mid-burst loses no acknowledged write and applies
 * none twice when clients retry with the same Idempotency-Key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancedReplicasIT {
    private static final int CLIENTS = 6;

    static RedisServer redis;
    static LocalCluster cluster;
    static Traffic traffic;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        cluster = LocalCluster.start(3, Path.of("config/tier-thousands.yaml"), ThousandsBackends.env(
                PostgresServers.shared(1).get(0), S3ProxyServer.shared(), redis, "chaos_replicas"));
        traffic = new Traffic(cluster.client, Traffic.tokens(CLIENTS, cluster::token), new Ledger());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        redis.close();
    }

    /** Needs server.drainDelay (5s) longer than HAProxy's health checks take to notice (2 x 1s). */
    @Test
    @Order(1)
    void sigtermOfOneReplica_underLoad_costsClientsNothing() {
        ProcessHandle replica = cluster.replica(1);
        CompletableFuture<Void> faults = Timeline.of().at(Duration.ofSeconds(2), replica::destroy).start();
        Tally tally = LoadDriver.closedLoop(CLIENTS, Duration.ofSeconds(10), 5_000, (client, sequence) ->
                sequence % 2 == 0 ? traffic.write(client, sequence) : traffic.read(client, Traffic.key(client, sequence - 1)));
        Timeline.await(faults, Duration.ofSeconds(10));

        assertThat(tally.count(status -> !Tally.success(status))).as("%s", tally).isZero();
        assertThat(replica.onExit().orTimeout(30, TimeUnit.SECONDS).join().isAlive()).isFalse();
        assertThat(traffic.ledger().verify(cluster.client, traffic::tokenOf)).isEmpty();
    }

    @Test
    @Order(2)
    void killMinus9OfAReplica_midBurst_clientsRetrySameKey_oneRecordPerKey_everyAcknowledgedWriteReadable() {
        ProcessHandle replica = cluster.replica(2);
        CompletableFuture<Void> faults = Timeline.of().at(Duration.ofSeconds(2), replica::destroyForcibly).start();
        Tally tally = LoadDriver.closedLoop(CLIENTS, Duration.ofSeconds(8), 5_000,
                (client, sequence) -> traffic.writeUntilAnswered(client, 100_000 + sequence, Duration.ofSeconds(10)));
        Timeline.await(faults, Duration.ofSeconds(10));

        // a write the killed replica had claimed keeps its Idempotency-Key leased (idempotency.lease) and answers
        // 409 until then; at most one per client was in flight on it
        assertThat(tally.count(status -> !Tally.success(status) && status != 409)).as("%s", tally).isZero();
        assertThat(tally.count(409)).as("%s", tally).isLessThanOrEqualTo(CLIENTS);
        assertThat(traffic.ledger().acks()).as("each new key written once, retries replayed").allMatch(ack -> ack.version() == 1);
        assertThat(traffic.ledger().verify(cluster.client, traffic::tokenOf)).isEmpty();
    }
}
