package dev.strata.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresStandbyIT {

    @Test
    void standby_replaysThePrimarysWrites_untilReplayIsPaused() throws Exception {
        try (PostgresServer primary = PostgresServer.start(); PostgresStandby standby = PostgresStandby.of(primary)) {
            update(primary.jdbcUrl(), "CREATE TABLE t (v int); INSERT INTO t VALUES (1)");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(standby.jdbcUrl("postgres")) == 1);

            standby.pauseReplay();
            update(primary.jdbcUrl(), "INSERT INTO t VALUES (2)");
            Thread.sleep(500);
            assertThat(count(standby.jdbcUrl("postgres"))).isEqualTo(1);

            standby.resumeReplay();
            await().atMost(Duration.ofSeconds(10)).until(() -> count(standby.jdbcUrl("postgres")) == 2);
        }
    }

    private static void update(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            c.createStatement().execute(sql);
        }
    }

    private static long count(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1; // the table has not reached the standby yet
        }
    }
}
