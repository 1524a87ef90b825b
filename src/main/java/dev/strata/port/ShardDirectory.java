package dev.strata.port;

import dev.strata.domain.sharding.ShardRouter;
import java.util.Map;

/**
 * Where each user lives: the bucket directory in force. Thread-safe. Every replica that watches the same catalog
 * converges on the same directory version within one poll interval.
 */
public interface ShardDirectory extends AutoCloseable {

    /** The router of the newest directory version this process has seen; never null. */
    ShardRouter router();

    /**
     * Reads the newest directory version now instead of waiting for the next poll (a shard said a bucket moved).
     * Keeps the version it has when the catalog cannot be read.
     */
    void refresh();

    /**
     * Whether the last read of the catalog failed: the router in force is the last one read, and a newer version may
     * exist. It stays in force (requests keep being routed by it) and reading goes on.
     */
    boolean isStale();

    /** The JDBC URL of each shard id the directory names, in shard order. */
    Map<String, String> shardUrls();

    @Override
    void close();
}
