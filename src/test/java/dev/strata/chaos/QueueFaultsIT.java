package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.config.WritesConfig;
import dev.strata.millions.MillionsTier;
import dev.strata.millions.ShardCatalog;
import dev.strata.testing.ApiClient;
import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import dev.strata.testing.load.Ledger;
import dev.strata.testing.load.LoadDriver;
import dev.strata.testing.load.Tally;
import dev.strata.testing.load.Timeline;
import dev.strata.testing.load.Traffic;
import dev.strata.testing.servers.KafkaBroker;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import dev.strata.thousands.ThousandsBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scenarios 6, 7 and the queued half of 1 on the millions tier, each under client load with a ledger of every 202:
 * the Kafka broker killed and restarted, a worker killed between its database commit and its offset commit, and an
 * api replica behind HAProxy killed mid-burst. Every 202 must end {@code persisted}, every acknowledged value must read
 * back, and no write may take effect twice. The shards and the broker are this class's own, since it kills them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueFaultsIT {
    private static final int CLIENTS = 6;
    private static final int WARM_UP_SEQUENCE = 1_000_000;
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(60);
    /** Room above a deadline for a loaded 2-core machine; less than the gap between ack and delivery timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    /** The worker's offset commits give up after the delivery timeout. */
    private static final Duration COMMIT_DEADLINE = Duration.ofSeconds(3);
    private static final Path MILLIONS_TIER_FILE = Path.of("config/tier-millions.yaml");

    private static PostgresServers shards;
    private static KafkaBroker kafka;
    private static ShardCatalog catalog;

    @BeforeAll
    static void start() {
        shards = PostgresServers.start(3);
        kafka = KafkaBroker.start();
        catalog = new ShardCatalog(shards);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (shards != null) {
            shards.close();
        }
    }

    /**
     * The producer may keep a message for {@code deliveryTimeout} (10 s here) while the request waits only
     * {@code ackTimeout} (1 s), so a 503 that took longer than the ack timeout plus margin means a request waited for
     * more than its deadline.
     */
    @Test
    @Order(1)
    void kafkaKilledAndRestarted_underLoad_loses_no202_andRefusesWithFast503sWhileDown() {
        MillionsTier tier = new MillionsTier(shards).queued(kafka.bootstrapServers(), "chaos.broker-loss")
                .env("STRATA_KAFKA_ACK_TIMEOUT", "1s").env("STRATA_KAFKA_DELIVERY_TIMEOUT", "10s");
        try (TestServer api = tier.start("api"); TestServer worker = tier.start("worker")) {
            WritesConfig.Queued writes = (WritesConfig.Queued) api.config().writes();
            Traffic traffic = new Traffic(api.client(), Traffic.tokens(CLIENTS, api::token), new Ledger());
            warmUp(traffic);
            AtomicReference<ApiClient.Response> duringOutage = new AtomicReference<>();
            CompletableFuture<Void> faults = Timeline.of()
                    .at(Duration.ofSeconds(2), kafka::kill)
                    .at(Duration.ofSeconds(4), () -> duringOutage.set(api.client().unchecked()
                            .request("PUT", "/v1/users/me/records/probe").token(api.token("prober")).body("1").send()))
                    .at(Duration.ofSeconds(6), kafka::restart)
                    .start();
            Tally killed = LoadDriver.closedLoop(CLIENTS, Duration.ofSeconds(8), 5_000, traffic::write);
            Timeline.await(faults, Duration.ofSeconds(120));
            Tally restarted = LoadDriver.closedLoop(CLIENTS, Duration.ofSeconds(5), 5_000,
                    (client, sequence) -> traffic.write(client, 100_000 + sequence));

            assertThat(killed.count(status -> status != 202 && status != 503)).as("%s", killed).isZero();
            assertThat(killed.count(202)).as("%s", killed).isPositive();
            assertThat(killed.count(503)).as("%s", killed).isPositive();
            assertThat(killed.latencyMillis(status -> status == 503, 1.0)).as("slowest 503, %s", killed)
                    .isLessThan((double) writes.ackTimeout().plus(MARGIN).toMillis());
            assertThat(duringOutage.get().status()).isEqualTo(503);
            assertThat(duringOutage.get().header("Retry-After")).isNotBlank();
            assertThat(restarted.count(status -> status != 202 && status != 503)).as("%s", restarted).isZero();
            assertThat(restarted.count(202)).as("writes are accepted again, %s", restarted).isPositive();

            assertThat(traffic.ledger().settle(api.client(), traffic::tokenOf, SETTLE_PATIENCE)).isEmpty();
            assertThat(traffic.ledger().acks()).as("each key written once").allMatch(ack -> ack.version() == 1);
            assertThat(traffic.ledger().verify(api.client(), traffic::tokenOf)).isEmpty();
            // a write refused with 503 may still have reached the log before the kill and be applied later, but once
            assertThat(count("SELECT count(*) FROM records WHERE user_id LIKE 'user-%' AND version <> 1")).isZero();
            assertThat(count("SELECT count(*) FROM applied_requests WHERE user_id LIKE 'user-%'"))
                    .as("one applied request per record")
                    .isEqualTo(count("SELECT count(*) FROM records WHERE user_id LIKE 'user-%'"));
        }
    }

    /**
     * Scenario 1's narrowest window, pinned: an api process dies after writing a request's queued status and before
     * Kafka took the message (the broker is down, so the message dies with the process). The client's retry with the
     * same Idempotency-Key on another api finds that status; it must end persisted all the same.
     */
    @Test
    @Order(2)
    void anApiKilledAfterWritingTheStatus_beforeKafkaTookTheMessage_theRetryStillEndsPersisted() throws Exception {
        String topic = "chaos.api-crash";
        MillionsTier tier = new MillionsTier(shards).queued(kafka.bootstrapServers(), topic);
        MillionsTier patient = new MillionsTier(shards).queued(kafka.bootstrapServers(), topic)
                .env("STRATA_KAFKA_ACK_TIMEOUT", "60s").env("STRATA_KAFKA_DELIVERY_TIMEOUT", "60s");
        try (TestServer survivor = tier.start("api"); TestServer worker = tier.start("worker");
             StrataProcess doomed = patient.startProcess("api")) {
            String token = survivor.token("orphan");
            kafka.kill();
            CompletableFuture<ApiClient.Response> firstAttempt = CompletableFuture.supplyAsync(() -> write(doomed.client(), token));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count("SELECT count(*) FROM request_status WHERE request_id = 'orphan-1'") == 1);
            doomed.kill();
            assertThat(firstAttempt).failsWithin(Duration.ofSeconds(10));
            kafka.restart();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> write(survivor.client(), token).status() == 202);
            assertThat(survivor.client().get("/v1/requests/orphan-1?wait=20", token).json().path("status").asText())
                    .isEqualTo("persisted");
            assertThat(survivor.client().get("/v1/users/me/records/k", token).json().path("version").asInt()).isEqualTo(1);
        }
    }

    private static ApiClient.Response write(ApiClient api, String token) {
        return api.unchecked().request("PUT", "/v1/users/me/records/k").token(token).header("Idempotency-Key", "orphan-1")
                .body("1").timeout(Duration.ofSeconds(90)).send();
    }

    /**
     * A worker commits its offsets after each poll batch (up to 100 messages) has been applied, so a kill -9 while it
     * drains a backlog lands after some database commits and before their offset commit, unless it hits the moment
     * between one batch's offset commit and the next batch's first database commit; its successor's
     * {@code strata_queue_redelivered_skipped_total} tells which. A round that missed the window proves nothing and
     * is run again with a fresh backlog, killing at a different point of the drain (batch sizes vary with timing).
     */
    @Test
    @Order(3)
    void aWorkerKilledBetweenItsDatabaseCommitAndItsOffsetCommit_appliesNoWriteTwice() throws Exception {
        MillionsTier tier = new MillionsTier(shards).queued(kafka.bootstrapServers(), "chaos.worker-crash");
        try (TestServer api = tier.start("api")) {
            double skipped = 0;
            int[] killAfterEighths = {1, 3, 2, 5, 4};
            for (int round = 0; round < killAfterEighths.length && skipped == 0; round++) {
                skipped = new WorkerCrashRound(api, tier, "crash" + round + "-").run(killAfterEighths[round]);
            }
            assertThat(skipped).as("redelivered writes the successor skipped (0 in %d rounds: the kill never hit the window)",
                    killAfterEighths.length).isPositive();
        }
    }

    /**
     * The broker dies while a worker drains a backlog, between its database commits and their offset commit: the
     * commit fails after its deadline, the worker keeps running, and once the broker is back it resumes from the
     * committed offsets, applying the rest and skipping what it had applied.
     */
    @Test
    @Order(5)
    void aBrokerLostBeforeTheOffsetCommit_theWorkerResumesFromTheCommittedOffsets_andAppliesNoWriteTwice() throws Exception {
        MillionsTier tier = new MillionsTier(shards).queued(kafka.bootstrapServers(), "chaos.commit-lost")
                .env("STRATA_KAFKA_DELIVERY_TIMEOUT", COMMIT_DEADLINE.toSeconds() + "s");
        try (TestServer api = tier.start("api")) {
            double skipped = new WorkerCrashRound(api, tier, "commit-lost-").runWithBrokerOutage(kafka);
            assertThat(skipped).as("writes applied before the failed commit and delivered again").isPositive();
        }
    }

    /**
     * LoadBalancedReplicasIT's kill -9 mid-burst on the millions tier file: two api replicas behind HAProxy
     * ({@code deploy/local/start.sh} with {@code STRATA_TIER_FILE}), a worker in this JVM, Redis and S3.
     */
    @Test
    @Order(4)
    void killMinus9OfAnApiReplica_midBurst_clientsRetrySameKey_every202EndsPersisted_oneRecordPerKey() throws IOException {
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> env = millionsTierEnv(redis);
            try (LocalCluster cluster = LocalCluster.start(2, MILLIONS_TIER_FILE, withRole(env, "api"));
                 TestServer worker = TestServer.fromYaml(Files.readString(MILLIONS_TIER_FILE), withRole(env, "worker"))) {
                Traffic traffic = new Traffic(cluster.client, Traffic.tokens(CLIENTS, cluster::token), new Ledger());
                ProcessHandle replica = cluster.replica(2);
                CompletableFuture<Void> faults = Timeline.of().at(Duration.ofSeconds(2), replica::destroyForcibly).start();
                Tally tally = LoadDriver.closedLoop(CLIENTS, Duration.ofSeconds(8), 5_000,
                        (client, sequence) -> traffic.writeUntilAnswered(client, sequence, Duration.ofSeconds(10)));
                Timeline.await(faults, Duration.ofSeconds(10));

                assertThat(tally.count(status -> status != 202)).as("%s", tally).isZero();
                assertThat(traffic.ledger().settle(cluster.client, traffic::tokenOf, SETTLE_PATIENCE)).isEmpty();
                assertThat(traffic.ledger().acks()).as("each new key written once, retries replayed")
                        .allMatch(ack -> ack.version() == 1);
                assertThat(traffic.ledger().verify(cluster.client, traffic::tokenOf)).isEmpty();
            }
        }
    }

    /** The millions tier file on this class's shards (fresh databases) and broker, Redis and the shared S3. */
    private static Map<String, String> millionsTierEnv(RedisServer redis) {
        S3ProxyServer s3 = S3ProxyServer.shared();
        Map<String, String> env = new HashMap<>();
        env.put("STRATA_SHARD_URLS", shards.servers().stream()
                .map(server -> ThousandsBackends.createDatabase(server, "chaos_queued"))
                .collect(Collectors.joining(",")));
        env.put("STRATA_DB_USER", shards.user());
        env.put("STRATA_DB_PASSWORD", shards.password());
        env.put("STRATA_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("STRATA_KAFKA_REPLICATION", "1");
        env.put("STRATA_S3_ENDPOINT", s3.endpoint());
        env.put("STRATA_S3_ACCESS_KEY", s3.accessKey());
        env.put("STRATA_S3_SECRET_KEY", s3.secretKey());
        env.put("STRATA_S3_REGION", s3.region());
        env.put("STRATA_S3_BUCKET", "chaos-queued");
        env.put("STRATA_REDIS_URL", redis.url());
        env.put("STRATA_REPLICAS", "3");
        env.put("STRATA_DB_CONNECTION_BUDGET", "30");
        return env;
    }

    private static Map<String, String> withRole(Map<String, String> env, String role) {
        Map<String, String> withRole = new HashMap<>(env);
        withRole.put("STRATA_ROLE", role);
        return withRole;
    }

    /** One accepted write per client first, so the run starts on a warm producer and JVM rather than measuring them. */
    private static void warmUp(Traffic traffic) {
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.write(client, WARM_UP_SEQUENCE) == 202);
        }
    }

    /** A count summed over the shards. */
    private static long count(String sql) {
        return IntStream.range(0, shards.size()).mapToLong(shard -> Long.parseLong(catalog.strings(shard, sql).get(0))).sum();
    }

    /**
     * One backlog of queued writes, a worker child process killed once some but not all are applied, and a successor
     * in this JVM that drains the rest. Each of {@code USERS} users writes {@code WRITES} times to each of {@code KEYS}
     * keys, in order, so every record must end at version {@code WRITES} with the last value.
     */
    private static final class WorkerCrashRound {
        private static final int USERS = 16;
        private static final int KEYS = 4;
        private static final int WRITES = 12;
        private static final int BACKLOG = USERS * KEYS * WRITES;
        private static final int CLIENTS_PER_ROUND = USERS;

        private final TestServer api;
        private final MillionsTier tier;
        private final String prefix;

        WorkerCrashRound(TestServer api, MillionsTier tier, String prefix) {
            this.api = api;
            this.tier = tier;
            this.prefix = prefix;
        }

        /**
         * Kills the broker while a worker drains the backlog, so its offset commit fails, and restarts it after the
         * commit's deadline; returns the worker's count of skipped redeliveries: writes it applied again from the
         * committed offsets it resumed from.
         */
        double runWithBrokerOutage(KafkaBroker broker) throws Exception {
            queueBacklog();
            try (TestServer worker = tier.start("worker")) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> applied() >= BACKLOG / 8);
                broker.kill();
                Thread.sleep(2 * COMMIT_DEADLINE.toMillis());
                assertThat(applied()).as("applied while the broker was down (all: nothing was left to commit)")
                        .isLessThan(BACKLOG);
                broker.restart();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> applied() == BACKLOG);
                assertAppliedOnce();
                return worker.metric("strata_queue_redelivered_skipped_total");
            }
        }

        /**
         * Kills the worker once {@code eighths}/8 of the backlog is applied; returns the successor's count of skipped
         * redeliveries.
         */
        double run(int eighths) throws Exception {
            queueBacklog();
            try (StrataProcess doomed = tier.startProcess("worker")) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> applied() >= BACKLOG * eighths / 8);
                doomed.kill();
            }
            long appliedAtKill = applied();
            assertThat(appliedAtKill).as("applied when the worker was killed (all: it drained the backlog first, "
                    + "so the kill proves nothing; raise BACKLOG)").isLessThan(BACKLOG);
            try (TestServer successor = tier.start("worker")) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> applied() == BACKLOG);
                assertAppliedOnce();
                return successor.metric("strata_queue_redelivered_skipped_total");
            }
        }

        private void queueBacklog() {
            int perClient = BACKLOG / CLIENTS_PER_ROUND;
            Tally tally = LoadDriver.closedLoop(CLIENTS_PER_ROUND, Duration.ofSeconds(60), perClient, (client, sequence) -> {
                Write write = Write.of(client * perClient + sequence);
                return api.client().unchecked().request("PUT", "/v1/users/me/records/" + key(write.key()))
                        .token(api.token(user(write.user()))).header("Idempotency-Key", prefix + write.sequence())
                        .body(value(write.number())).send().status();
            });
            assertThat(tally.count(202)).as("%s", tally).isEqualTo(BACKLOG);
        }

        private void assertAppliedOnce() {
            String users = "user_id LIKE '" + prefix + "%'";
            assertThat(count("SELECT count(*) FROM applied_requests WHERE " + users)).isEqualTo(BACKLOG);
            assertThat(count("SELECT count(*) FROM records WHERE " + users)).isEqualTo(USERS * KEYS);
            assertThat(count("SELECT count(*) FROM records WHERE " + users + " AND version = " + WRITES
                    + " AND value_json = '" + value(WRITES) + "'")).as("records at version %s with the last value", WRITES)
                    .isEqualTo(USERS * KEYS);
            for (int u = 0; u < USERS; u++) {
                var used = api.client().get("/v1/users/me/usage", api.token(user(u))).json().path("used");
                assertThat(used.path("records").asLong()).as("records of %s", user(u)).isEqualTo(KEYS);
                assertThat(used.path("recordBytes").asLong()).as("record bytes of %s", user(u))
                        .isEqualTo((long) KEYS * value(WRITES).length());
            }
        }

        private long applied() {
            return count("SELECT count(*) FROM applied_requests WHERE user_id LIKE '" + prefix + "%'");
        }

        private String user(int index) {
            return prefix + "u" + index;
        }

        private static String key(int index) {
            return "k" + index;
        }

        private static String value(int number) {
            return "{\"n\":" + number + "}";
        }

        /**
         * The write with this sequence number. Client c sends sequences c*perClient.. in order, and all writes of one
         * user fall to one client, so each key's writes reach Kafka in order.
         */
        private record Write(int sequence, int user, int key, int number) {
            static Write of(int sequence) {
                int perUser = KEYS * WRITES;
                int user = sequence / perUser;
                int inUser = sequence % perUser;
                return new Write(sequence, user, inUser % KEYS, inUser / KEYS + 1);
            }
        }
    }
}
