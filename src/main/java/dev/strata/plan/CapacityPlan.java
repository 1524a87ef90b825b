package dev.strata.plan;

import java.util.List;

/**
 * A recommended deployment and the arithmetic behind it.
 *
 * @param tier              the recommended tier
 * @param apiReplicas       api (or all-role) processes
 * @param workerReplicas    worker processes (0 unless writes are queued)
 * @param shards            PostgreSQL databases (0 for the embedded H2 of the hundreds tier)
 * @param maxConnections    PostgreSQL max_connections each database needs (at least the assumed one)
 * @param connectionBudget  connections each database allows Strata (max_connections less the reserved ones)
 * @param processesPerShard processes that may hold a pool on each database at once, rolling-update surge included
 * @param poolPerProcess    connections each process opens to each database
 * @param cacheBytes        record cache in total (Caffeine alone, or Redis behind the near-caches)
 * @param nearCacheBytes    in-process cache per replica
 * @param kafkaPartitions   partitions of the writes topic (0 unless writes are queued)
 * @param recordBytes       metadata storage in total, overhead included
 * @param blobBytes         blob storage in total
 * @param steps             the arithmetic, in order
 */
public record CapacityPlan(Tier tier, int apiReplicas, int workerReplicas, int shards, int maxConnections, int connectionBudget,
                           int processesPerShard, int poolPerProcess, long cacheBytes, long nearCacheBytes,
                           int kafkaPartitions, long recordBytes, long blobBytes, List<Step> steps) {
}
