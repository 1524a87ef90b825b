package dev.strata.adapter.store.jdbc;

import java.time.Duration;

/**
 * How to reach one database.
 *
 * @param name             the pool's name in metrics and the topology view
 * @param url              JDBC URL
 * @param poolSize         most connections this process opens
 * @param connectTimeout   longest wait for a pooled connection
 * @param statementTimeout longest a statement may run
 */
public record JdbcSettings(String name, String url, String user, String password, int poolSize,
                           Duration connectTimeout, Duration statementTimeout) {
}
