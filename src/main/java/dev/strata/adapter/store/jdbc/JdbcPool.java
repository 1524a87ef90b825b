package dev.strata.adapter.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The connection pool of one database, with the timeouts every Strata pool has: a bounded wait for a pooled
 * connection and its validation, and the dialect's connect, socket and statement timeouts, so a slow or frozen server
 * fails a call instead of holding its thread. A pool opens no connection until it is first used.
 */
public final class JdbcPool {

    private JdbcPool() {
    }

    public static HikariDataSource open(JdbcSettings settings, MeterRegistry registry) {
        return create(settings, registry, false);
    }

    /** Connections are read-only: PostgreSQL refuses every write on them. */
    static HikariDataSource openReadOnly(JdbcSettings settings, MeterRegistry registry) {
        return create(settings, registry, true);
    }

    private static HikariDataSource create(JdbcSettings settings, MeterRegistry registry, boolean readOnly) {
        HikariConfig hikari = new HikariConfig();
        hikari.setReadOnly(readOnly);
        hikari.setPoolName(settings.name());
        hikari.setJdbcUrl(settings.url());
        hikari.setUsername(settings.user());
        hikari.setPassword(settings.password());
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setMinimumIdle(Math.min(2, settings.poolSize()));
        // set once per connection: asking for it per transaction costs a SHOW and two SETs on PostgreSQL
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        hikari.setValidationTimeout(Math.max(250, Math.min(settings.connectTimeout().toMillis(), 5000)));
        hikari.setInitializationFailTimeout(-1);
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        SqlDialect dialect = SqlDialect.of(settings.url());
        dialect.timeoutProperties(settings.connectTimeout(), settings.statementTimeout()).forEach(hikari::addDataSourceProperty);
        hikari.setConnectionInitSql(dialect.connectionInitSql(settings.statementTimeout()));
        return new HikariDataSource(hikari);
    }
}
