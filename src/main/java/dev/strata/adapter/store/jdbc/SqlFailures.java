package dev.strata.adapter.store.jdbc;

import dev.strata.port.StorageFullException;
import dev.strata.port.StorageUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.UnableToManipulateTransactionIsolationLevelException;

/** Turns vendor failures into the port's: unreachable or too slow becomes 503, full becomes 507, bugs stay bugs. */
final class SqlFailures {
    /** SQLSTATE classes: connection exception, transaction rollback, insufficient resources, operator intervention. */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "40", "53", "57");
    /** H2's lock timeout and PostgreSQL's disk full. */
    private static final String H2_LOCK_TIMEOUT = "HYT00";
    /** A database set read-only, e.g. fenced against writes while {@code strata migrate} copies it: retry later. */
    private static final String READ_ONLY_TRANSACTION = "25006";
    private static final String DISK_FULL = "53100";

    private SqlFailures() {
    }

    static RuntimeException translate(String database, JdbiException e) {
        if (e instanceof UnableToManipulateTransactionIsolationLevelException) {
            // only a connection lost under the pool fails here (Hikari reports it without an SQLSTATE)
            return new StorageUnavailableException("database " + database + " unavailable: connection lost", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.equals(DISK_FULL)) {
                    return new StorageFullException("database " + database + " is full", e);
                }
                if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
                        || sql instanceof SQLNonTransientConnectionException || state.equals(H2_LOCK_TIMEOUT)
                        || state.equals(READ_ONLY_TRANSACTION)
                        || (state.length() >= 2 && UNAVAILABLE_CLASSES.contains(state.substring(0, 2)))) {
                    return new StorageUnavailableException("database " + database + " unavailable: " + sql.getMessage(), e);
                }
            }
        }
        return e;
    }
}
