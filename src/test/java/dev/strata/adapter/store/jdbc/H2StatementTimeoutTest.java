package dev.strata.adapter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The H2 pool bounds every statement through the session's query timeout, set once per connection. */
class H2StatementTimeoutTest {
    /** H2's error code for a statement cancelled by its timeout. */
    private static final int STATEMENT_CANCELED = 57014;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStatementPastTheTimeoutIsCancelled() throws SQLException {
        try (HikariDataSource pool = open(Duration.ofMillis(500));
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT MAX(RAND()) FROM SYSTEM_RANGE(1, 100000000000)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(STATEMENT_CANCELED));
        }
    }

    @Test
    void everyPooledConnectionCarriesTheTimeout() throws SQLException {
        try (HikariDataSource pool = open(Duration.ofSeconds(7));
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).isEqualTo("7000");
        }
    }

    private HikariDataSource open(Duration statementTimeout) {
        return JdbcPool.open(new JdbcSettings("h2-timeout-test", SqlDialect.h2FileUrl(dir.resolve("db")), "", "", 2,
                Duration.ofSeconds(5), statementTimeout), new SimpleMeterRegistry());
    }
}
