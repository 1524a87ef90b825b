package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.domain.sharding.ShardRouter;
import dev.strata.migrate.HundredsData.Answer;
import dev.strata.migrate.MigrateProcess.Result;
import dev.strata.millions.ShardCatalog;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.thousands.ThousandsBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A thousands tier (one PostgreSQL + S3Proxy + Redis) filled through its HTTP API, fenced against writes while it
 * keeps serving reads, migrated by the real jar to the millions tier on 3 PostgreSQL shards sharing the S3 bucket,
 * then read back through the millions tier's HTTP API, with every user's rows checked on the shard the catalog
 * names. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateToShardsIT {
    private static final String SOURCE_DATABASE = "migrate_shards_it";
    private static final List<String> USER_TABLES = List.of("records", "blobs", "usage", "idempotency_keys");

    static PostgresServers shards;
    static Map<String, String> thousandsEnv;
    static Map<String, String> millionsEnv;
    static Path millionsTier;
    static Path checkpoint;
    static TestServer thousands;
    static List<String> paths;
    static List<Answer> expected;

    @BeforeAll
    static void buildThousandsTier() throws Exception {
        shards = PostgresServers.start(3);
        thousandsEnv = ThousandsBackends.shared(SOURCE_DATABASE);
        millionsEnv = new HashMap<>(thousandsEnv);
        millionsEnv.put("STRATA_SHARD_URLS", shards.jdbcUrls());
        millionsEnv.put("STRATA_JWT_SECRET", TestServer.SECRET);
        millionsEnv.put("STRATA_DATA_DIR", TestServer.temporaryDataDir().toString());
        Path dir = Files.createTempDirectory("strata-migrate-shards-");
        millionsTier = dir.resolve("tier-millions-sync.yaml");
        Files.writeString(millionsTier, withSyncWrites(Files.readString(Path.of("config/tier-millions.yaml"))));
        checkpoint = dir.resolve("checkpoint.json");
        thousands = TestServer.thousands(thousandsEnv);
        paths = HundredsData.write(thousands);
        expected = HundredsData.read(thousands, paths);
    }

    @AfterAll
    static void stop() {
        if (thousands != null) {
            thousands.close();
        }
        if (shards != null) {
            shards.close();
        }
    }

    @Test
    @Order(1)
    void fencedSource_answersWritesWith503_andKeepsServingReads() throws Exception {
        fenceWrites();
        String user = HundredsData.user(1);

        Response write = thousands.client().put("/v1/users/" + user + "/records/after-fence", thousands.token(user), "{}");

        assertThat(write.status()).isEqualTo(503);
        assertThat(write.header("Retry-After")).isNotNull();
        assertAnswersAsBefore(thousands);
    }

    @Test
    @Order(2)
    void killedMidway_thenRerun_resumesOntoTheShards_andVerifies() throws Exception {
        MigrateProcess.start(millionsEnv, migrateArgs()).killOnceCheckpointed(checkpoint);
        assertThat(Files.readString(checkpoint)).contains("\"copyComplete\" : false");

        long started = System.nanoTime();
        Result rerun = MigrateProcess.run(millionsEnv, migrateArgs());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("resuming after user user-").contains("share the blob store")
                .contains("identical in the target");
        assertThat(rerun.err()).contains("copy  users " + HundredsData.USERS + "/" + HundredsData.USERS)
                .contains("verify  users " + HundredsData.USERS + "/" + HundredsData.USERS);
        System.out.printf("thousands -> 3 shards: rerun after kill -9 took %d ms (JVM start included)%n%s%n", millis,
                rerun.out());
    }

    @Test
    @Order(3)
    void everyUsersRows_sitOnlyOnTheShardTheCatalogNames() {
        ShardCatalog catalog = new ShardCatalog(shards);
        ShardRouter router = catalog.router();
        Set<String> seen = new HashSet<>();
        for (int shard = 0; shard < shards.size(); shard++) {
            Set<String> users = new HashSet<>();
            for (String table : USER_TABLES) {
                users.addAll(catalog.strings(shard, "SELECT DISTINCT user_id FROM " + table));
            }
            for (String user : users) {
                assertThat(ShardCatalog.indexOf(router.assignment().shardOf(router.bucketOf(user))))
                        .as("shard of " + user).isEqualTo(shard);
            }
            assertThat(users).as("users on shard " + shard).isNotEmpty();
            seen.addAll(users);
        }
        assertThat(seen).hasSize(HundredsData.USERS);
    }

    @Test
    @Order(4)
    void millionsTier_answersEveryRecordAndBlobIdentically() throws Exception {
        thousands.close();
        thousands = null;
        try (TestServer millions = TestServer.fromYaml(Files.readString(millionsTier), millionsEnv)) {
            assertAnswersAsBefore(millions);
            String user = HundredsData.user(7);
            Response replay = millions.client().request("PUT", "/v1/users/" + user + "/records/keyed")
                    .token(millions.token(user)).header("Idempotency-Key", "key-" + user).body("{\"once\":true}").send();
            assertThat(replay.status()).as("an idempotent write replays its original result").isEqualTo(201);
        }
    }

    private static String[] migrateArgs() {
        return new String[] {"--from", "config/tier-thousands.yaml", "--to", millionsTier.toString(),
                "--checkpoint", checkpoint.toString()};
    }

    private static void assertAnswersAsBefore(TestServer server) {
        List<Answer> actual = HundredsData.read(server, paths);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).sameAs(expected.get(i))).as("%s: expected %s, got %s", expected.get(i).path(), expected.get(i).describe(), actual.get(i).describe()).isTrue();
        }
    }

    /** The write fence docs/growing.md gives operators: the database refuses writes, reads go on. */
    private static void fenceWrites() throws SQLException {
        try (Connection c = DriverManager.getConnection(thousandsEnv.get("STRATA_DB_URL"), thousandsEnv.get("STRATA_DB_USER"),
                thousandsEnv.get("STRATA_DB_PASSWORD")); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + SOURCE_DATABASE + " SET default_transaction_read_only = on");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }

    /** The shipped millions tier file with its Kafka-queued writes replaced by synchronous ones. */
    private static String withSyncWrites(String tier) {
        return tier.substring(0, tier.indexOf("\nwrites:")) + "\nwrites:\n  mode: sync\n";
    }
}
