package dev.strata.adapter.store.sharded;

import java.time.Duration;
import java.util.List;

/**
 * How to reach the shards.
 *
 * @param urls                  JDBC URLs in configured order; the first holds the catalog
 * @param buckets               virtual buckets of the deployment
 * @param poolSize              connections per shard in this process
 * @param connectTimeout        longest wait for a pooled connection, to a shard or to the catalog
 * @param statementTimeout      longest a statement may run, on a shard or on the catalog
 * @param directoryPollInterval how often the catalog is checked for a newer directory version
 * @param circuitOpenFor        how long an unreachable shard's users get an immediate 503 before it is tried again
 * @param frozenWait            how long a write to a bucket that reshard has frozen waits before it gets a 503
 */
public record ShardedSettings(List<String> urls, String user, String password, int buckets, int poolSize,
                              Duration connectTimeout, Duration statementTimeout, Duration directoryPollInterval,
                              Duration circuitOpenFor, Duration frozenWait) {
    public ShardedSettings {
        urls = List.copyOf(urls);
    }
}
