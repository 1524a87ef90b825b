package dev.strata.adapter.store.jdbc;

import java.time.Duration;
import java.util.Map;

/**
 * The one place where H2 and PostgreSQL differ. The SQL itself is shared: H2 runs in PostgreSQL mode, so the
 * only differences are the URL options and how key columns are ordered.
 */
public enum SqlDialect {
    H2(Map.of("keyCollation", "")),
    POSTGRES(Map.of("keyCollation", "COLLATE \"C\""));

    private static final Duration SOCKET_MARGIN = Duration.ofSeconds(1);

    private final Map<String, String> migrationPlaceholders;

    SqlDialect(Map<String, String> migrationPlaceholders) {
        this.migrationPlaceholders = migrationPlaceholders;
    }

    /** Appended to a text column to order and compare it bytewise, as Java orders ASCII strings. */
    String bytewise() {
        return migrationPlaceholders.get("keyCollation");
    }

    Map<String, String> migrationPlaceholders() {
        return migrationPlaceholders;
    }

    /**
     * The statement a new connection runs once, where the database needs one to bound every statement on it; null
     * where {@link #timeoutProperties} already does (PostgreSQL's {@code statement_timeout}). H2 takes its query
     * timeout per session: set per statement through JDBC instead, it runs a {@code SET}, and every {@code SET}
     * invalidates all sessions' parsed statements, so each statement would be parsed again (a single-row read then
     * costs about 12 times as much; measured in docs/performance.md).
     */
    String connectionInitSql(Duration statementTimeout) {
        return this == H2 ? "SET QUERY_TIMEOUT " + Math.max(1, statementTimeout.toMillis()) : null;
    }

    /** Driver properties that bound connecting and every statement, so a slow or lost server fails fast. */
    Map<String, String> timeoutProperties(Duration connectTimeout, Duration statementTimeout) {
        if (this == H2) {
            return Map.of();
        }
        long connectSeconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        return Map.of(
                "connectTimeout", Long.toString(connectSeconds),
                "loginTimeout", Long.toString(connectSeconds),
                "socketTimeout", Long.toString(socketTimeout(statementTimeout).toSeconds()),
                // a statement past its query timeout waits for the driver's cancel request, sent on a connection of
                // its own, which a frozen server never answers (10 s by default); the server's statement_timeout
                // stops a live server's statement anyway, so the cancel may give up after the socket margin
                "cancelSignalTimeout", Long.toString(SOCKET_MARGIN.toSeconds()),
                "options", "-c statement_timeout=" + statementTimeout.toMillis(),
                "ApplicationName", "strata");
    }

    /**
     * The longest a PostgreSQL call waits for an answer. It only catches a server that stopped answering (frozen,
     * blackholed), so it bounds every call; the margin over the statement timeout, in whole seconds as the driver
     * takes them, lets a live server's own statement timeout answer first.
     */
    public static Duration socketTimeout(Duration statementTimeout) {
        return Duration.ofSeconds(Math.max(1, (statementTimeout.toMillis() + 999) / 1000)).plus(SOCKET_MARGIN);
    }

    public static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("unsupported JDBC URL: " + jdbcUrl.replaceAll("\\?.*", ""));
    }

    /**
     * The H2 file URL for a path, with the options Strata relies on: PostgreSQL mode (shared SQL), commits written
     * to the file before they return (WRITE_DELAY=0, so a 2xx survives kill -9), and no H2 shutdown hook (the
     * application closes the database itself after draining in-flight requests).
     */
    public static String h2FileUrl(java.nio.file.Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=5000;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }
}
