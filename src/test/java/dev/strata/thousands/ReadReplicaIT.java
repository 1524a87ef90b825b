package dev.strata.thousands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServer;
import dev.strata.testing.servers.PostgresStandby;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The thousands tier with {@code store.readReplicaUrl} on a real streaming standby of its PostgreSQL. Two
 * processes share primary and standby: {@code tolerant} accepts 30s of replica lag, {@code strict} 1s. Pausing
 * the standby's WAL replay makes it fall behind at will.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaIT {
    private static final String DATABASE = "thousands_read_replica";
    private static final String REPLICA_READS = "strata_store_reads_total{target=\"replica\"}";
    private static final String PRIMARY_READS = "strata_store_reads_total{target=\"primary\"}";
    private static final int READS = 10;

    static PostgresServer primary;
    static PostgresStandby standby;
    static TestServer tolerant;
    static TestServer strict;

    @BeforeAll
    static void start() throws IOException {
        primary = PostgresServer.start();
        Map<String, String> env = ThousandsBackends.env(primary, S3ProxyServer.shared(), RedisServer.shared(), DATABASE);
        standby = PostgresStandby.of(primary);
        tolerant = withReadReplica(env, "30s");
        strict = withReadReplica(env, "1s");
    }

    @AfterAll
    static void stop() {
        tolerant.close();
        strict.close();
        standby.close();
        primary.close();
    }

    @Test
    @Order(1)
    void reads_goToTheReplica_whileItsLagIsSmall() {
        put(strict, "rhea", 1);
        // rhea wrote through strict: strict reads her from the primary until maxReplicaLag + 2 polls have passed
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double replicaReads = strict.metric(REPLICA_READS);
            assertThat(listedValue(strict, "rhea")).isEqualTo(1);
            assertThat(strict.metric(REPLICA_READS)).isGreaterThan(replicaReads);
        });

        double replicaReads = strict.metric(REPLICA_READS);
        double primaryReads = strict.metric(PRIMARY_READS);
        for (int i = 0; i < READS; i++) {
            assertThat(listedValue(strict, "rhea")).isEqualTo(1);
        }
        assertThat(strict.metric(REPLICA_READS)).isEqualTo(replicaReads + READS);
        assertThat(strict.metric(PRIMARY_READS)).isEqualTo(primaryReads);
    }

    @Test
    @Order(2)
    void ownWrite_isReadBackAtOnce_whileTheReplicaLagsBehind() {
        standby.pauseReplay();
        try {
            double primaryReads = tolerant.metric(PRIMARY_READS);
            for (int value = 1; value <= READS; value++) {
                put(tolerant, "ryan", value);
                assertThat(readValue(tolerant, "ryan")).isEqualTo(value);
                assertThat(listedValue(tolerant, "ryan")).isEqualTo(value);
            }
            assertThat(tolerant.metric(PRIMARY_READS)).isGreaterThanOrEqualTo(primaryReads + 2 * READS);

            // the replica, seconds behind but within tolerant's 30s, still serves a user who has not written
            double replicaReads = tolerant.metric(REPLICA_READS);
            assertThat(listedValue(tolerant, "rhea")).isEqualTo(1);
            assertThat(tolerant.metric(REPLICA_READS)).isEqualTo(replicaReads + 1);
        } finally {
            standby.resumeReplay();
        }
    }

    @Test
    @Order(3)
    void replicaBehindByMoreThanMaxLag_readsGoToThePrimary_andStayCorrect_untilItCatchesUp() {
        standby.pauseReplay();
        try {
            // a write strict does not know of: only its lag measurement keeps its reads off the stale replica
            put(tolerant, "rhea", 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> replicaLagMillis(strict).map(lag -> lag > 1000).orElse(true));

            double replicaReads = strict.metric(REPLICA_READS);
            double primaryReads = strict.metric(PRIMARY_READS);
            for (int i = 0; i < READS; i++) {
                assertThat(readValue(strict, "rhea")).isEqualTo(2);
                assertThat(listedValue(strict, "rhea")).isEqualTo(2);
            }
            assertThat(strict.metric(REPLICA_READS)).isEqualTo(replicaReads);
            assertThat(strict.metric(PRIMARY_READS)).isGreaterThanOrEqualTo(primaryReads + READS);
        } finally {
            standby.resumeReplay();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double replicaReads = strict.metric(REPLICA_READS);
            assertThat(listedValue(strict, "rhea")).isEqualTo(2);
            assertThat(strict.metric(REPLICA_READS)).isGreaterThan(replicaReads);
        });
    }

    private static TestServer withReadReplica(Map<String, String> env, String maxReplicaLag) throws IOException {
        String tierFile = Files.readString(Path.of("config/tier-thousands.yaml"));
        String storeLine = "  statementTimeout: 5s\n";
        assertThat(tierFile).contains(storeLine);
        return TestServer.fromYaml(tierFile.replace(storeLine, storeLine
                + "  readReplicaUrl: " + standby.jdbcUrl(DATABASE) + "\n"
                + "  maxReplicaLag: " + maxReplicaLag + "\n"), env);
    }

    private static void put(TestServer server, String user, int value) {
        assertThat(server.client().put("/v1/users/" + user + "/records/k", server.token(user), Integer.toString(value)).status())
                .isIn(200, 201);
    }

    /** The record through the cached single-record read. */
    private static int readValue(TestServer server, String user) {
        return server.client().get("/v1/users/" + user + "/records/k", server.token(user)).json().get("value").asInt();
    }

    /** The record through a listing, which always reads the store. */
    private static int listedValue(TestServer server, String user) {
        JsonNode items = server.client().get("/v1/users/" + user + "/records?prefix=k", server.token(user)).json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0).get("value").asInt();
    }

    private static Optional<Long> replicaLagMillis(TestServer server) {
        JsonNode lag = server.client().get("/v1/admin/topology", server.adminToken()).json()
                .get("store").get("readReplica").get("lagMillis");
        return lag.isNull() ? Optional.empty() : Optional.of(lag.asLong());
    }
}
