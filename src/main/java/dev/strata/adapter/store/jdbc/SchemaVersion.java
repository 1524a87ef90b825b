package dev.strata.adapter.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether a database already holds this build's newest user-data migration. Setting Flyway up and validating costs a
 * restart most of a second on a 2-core machine (docs/performance.md, "Start-up") for a database that needs nothing;
 * one query on Flyway's history table decides that instead. Anything else — no history yet, an older or newer
 * version, a failed last migration — goes to Flyway, which migrates, validates or reports as it always does.
 */
final class SchemaVersion {
    /** The version of the newest file in {@code db/migration}; {@code SchemaVersionTest} keeps the two in step. */
    static final String NEWEST = "5";

    private static final String LAST_APPLIED = "SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
            + " ORDER BY \"installed_rank\" DESC LIMIT 1";

    private SchemaVersion() {
    }

    static boolean isNewest(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet last = statement.executeQuery(LAST_APPLIED)) {
            return last.next() && NEWEST.equals(last.getString(1)) && last.getBoolean(2);
        } catch (SQLException noHistoryYet) {
            return false;
        }
    }
}
