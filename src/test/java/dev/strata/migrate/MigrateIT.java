package dev.strata.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.migrate.HundredsData.Answer;
import dev.strata.migrate.MigrateProcess.Result;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.TestServer;
import dev.strata.thousands.ThousandsBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A hundreds-tier data dir (H2 + files) migrated by the real jar to the thousands tier (PostgreSQL + S3Proxy):
 * dry run, a kill -9 midway, the rerun, every answer identical through the thousands tier's HTTP API, a rerun
 * that only verifies, and a tampered target that fails verification. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateIT {
    static Path sourceDir;
    static Path checkpoint;
    static List<String> paths;
    static List<Answer> expected;
    static Map<String, String> thousandsEnv;
    static Map<String, String> env;

    @BeforeAll
    static void buildHundredsTier() throws Exception {
        sourceDir = TestServer.temporaryDataDir();
        try (TestServer hundreds = TestServer.hundreds(Map.of("STRATA_DATA_DIR", sourceDir.toString()))) {
            paths = HundredsData.write(hundreds);
            expected = HundredsData.read(hundreds, paths);
        }
        thousandsEnv = ThousandsBackends.shared("migrate_it");
        env = new HashMap<>(thousandsEnv);
        env.put("STRATA_DATA_DIR", sourceDir.toString());
        env.put("STRATA_JWT_SECRET", TestServer.SECRET);
        checkpoint = Files.createTempDirectory("strata-migrate-").resolve("checkpoint.json");
    }

    @Test
    @Order(1)
    void dryRun_printsWhatItWouldCopy_andCreatesNothing() throws Exception {
        Result dry = migrate("--dry-run");

        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would copy " + HundredsData.USERS + " users, " + (HundredsData.USERS * 6) + " records, 53 blobs");
        assertThat(dry.out()).contains("nothing was changed");
        assertThat(checkpoint).doesNotExist();
        assertThat(targetTables()).isZero();
    }

    @Test
    @Order(2)
    void killedMidway_thenRerun_resumesAndVerifies() throws Exception {
        MigrateProcess.start(env, args()).killOnceCheckpointed(checkpoint);
        String interrupted = Files.readString(checkpoint);
        assertThat(interrupted).contains("\"copyComplete\" : false").doesNotContain("\"copiedThrough\" : null");

        long started = System.nanoTime();
        Result rerun = migrate();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("resuming after user user-").contains("identical in the target");
        assertThat(rerun.err()).contains("copy  users " + HundredsData.USERS + "/" + HundredsData.USERS).contains("ETA")
                .contains("verify  users " + HundredsData.USERS + "/" + HundredsData.USERS);
        assertThat(Files.readString(checkpoint)).contains("\"copyComplete\" : true");
        System.out.printf("rerun after kill -9 copied the rest and verified in %d ms%n%s%n", millis, rerun.out());
    }

    @Test
    @Order(3)
    void thousandsTier_answersEveryRecordAndBlobIdentically() throws Exception {
        String tier = Files.readString(Path.of("config/tier-thousands.yaml"));
        try (TestServer thousands = TestServer.fromYaml(tier, thousandsEnv)) {
            List<Answer> actual = HundredsData.read(thousands, paths);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).sameAs(expected.get(i))).as("%s: expected %s, got %s", expected.get(i).path(), expected.get(i).describe(), actual.get(i).describe()).isTrue();
            }
            String user = HundredsData.user(7);
            Response replay = thousands.client().request("PUT", "/v1/users/" + user + "/records/keyed")
                    .token(thousands.token(user)).header("Idempotency-Key", "key-" + user).body("{\"once\":true}").send();
            assertThat(replay.status()).as("an idempotent write replays its original result").isEqualTo(201);
        }
    }

    @Test
    @Order(4)
    void rerunAfterCompletion_copiesNothing_andVerifiesAgain() throws Exception {
        Result again = migrate();

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("copy already complete").contains("identical in the target");
    }

    @Test
    @Order(7)
    void runningSourceService_stopsTheMigration_withExit3() throws Exception {
        try (TestServer running = TestServer.hundreds(Map.of("STRATA_DATA_DIR", sourceDir.toString()))) {
            Result refused = migrate("--dry-run");

            assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(3);
            assertThat(refused.err()).contains("already in use").contains("nothing in the source was changed");
        }
    }

    @Test
    @Order(6)
    void tamperedTarget_failsVerification_withOneLinePerMismatch() throws Exception {
        String user = HundredsData.user(3);
        execute("UPDATE records SET value_json = '{\"tampered\":true}' WHERE user_id = '" + user + "' AND record_key = 'notes-2'");

        Result tampered = migrate();

        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.err()).contains("mismatch: user " + user + ": records 'notes-2' differs in the target");
        assertThat(tampered.out()).contains("verification failed: 1 mismatches");
    }

    @Test
    @Order(5)
    void source_isUnchanged_andStillServesTheSameAnswers() {
        try (TestServer hundreds = TestServer.hundreds(Map.of("STRATA_DATA_DIR", sourceDir.toString()))) {
            List<Answer> actual = HundredsData.read(hundreds, paths);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).sameAs(expected.get(i))).as("%s: expected %s, got %s", expected.get(i).path(), expected.get(i).describe(), actual.get(i).describe()).isTrue();
            }
        }
    }

    private static String[] args(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--from", "config/tier-hundreds.yaml",
                "--to", "config/tier-thousands.yaml", "--checkpoint", checkpoint.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static Result migrate(String... extra) throws InterruptedException {
        return MigrateProcess.run(env, args(extra));
    }

    private static Connection target() throws SQLException {
        return DriverManager.getConnection(thousandsEnv.get("STRATA_DB_URL"), thousandsEnv.get("STRATA_DB_USER"),
                thousandsEnv.get("STRATA_DB_PASSWORD"));
    }

    private static int targetTables() throws SQLException {
        try (Connection c = target(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = target()) {
            assertThat(c.createStatement().executeUpdate(sql)).isEqualTo(1);
        }
    }
}
