package dev.strata.adapter.store.jdbc;

import java.time.Duration;

/**
 * A streaming read replica of a PostgreSQL primary.
 *
 * @param settings     how to reach it
 * @param maxLag       the most replication lag a read routed there may see
 * @param pollInterval how often its lag is measured
 */
public record ReadReplica(JdbcSettings settings, Duration maxLag, Duration pollInterval) {
}
