package dev.strata.adapter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Start-up skips Flyway only for a database whose last migration is this build's newest and succeeded, read from
 * Flyway's history table as each database spells it: an H2 file and a real PostgreSQL server.
 */
class SchemaVersionIT {
    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void anEmptyDatabaseIsNotNewest_aMigratedOneIs_andOneWhoseLastMigrationFailedIsNot(SqlDialect dialect) throws SQLException {
        JdbcSettings settings = switch (dialect) {
            case H2 -> settings(SqlDialect.h2FileUrl(TestServer.temporaryDataDir().resolve("schema-version")), "", "");
            case POSTGRES -> settings(postgres.jdbcUrl(), postgres.user(), postgres.password());
        };
        String url = settings.url();
        try (HikariDataSource pool = JdbcPool.open(settings, new SimpleMeterRegistry())) {
            assertThat(SchemaVersion.isNewest(pool)).as("no history table yet").isFalse();

            JdbcRecordStore.migrate(pool, url);
            assertThat(SchemaVersion.isNewest(pool)).isTrue();

            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE"
                        + " WHERE \"version\" = '" + SchemaVersion.NEWEST + "'");
            }
            assertThat(SchemaVersion.isNewest(pool)).as("left to Flyway, which reports the failed migration").isFalse();
        }
    }

    private static JdbcSettings settings(String url, String user, String password) {
        return new JdbcSettings("schema-version-" + SqlDialect.of(url).name(), url, user, password, 2, Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }
}
