package dev.strata.bench.floor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The raw-H2 baseline for record PUT/GET: one upsert or one select per request on a file database
 * opened with the options Strata uses (PostgreSQL mode, commits written before they return), with
 * no validation, versioning, quota, idempotency or cache.
 */
final class RawH2Records {
    private static final int POOL_SIZE = 8;
    private final JdbcConnectionPool pool;

    RawH2Records(Path file) {
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + file.toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=5000;WRITE_DELAY=0", "sa", "");
        pool.setMaxConnections(POOL_SIZE);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS records (record_key VARCHAR(512) PRIMARY KEY, record_value VARCHAR NOT NULL,"
                    + " version BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the baseline table", e);
        }
    }

    void upsert(String key, String value) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("MERGE INTO records (record_key, record_value, version) KEY (record_key) VALUES (?, ?, 1)")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    Optional<String> find(String key) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT record_value FROM records WHERE record_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
