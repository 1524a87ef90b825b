package dev.strata.config;

import java.nio.file.Path;

/**
 * One tier file, read and checked. A tier only chooses adapters and sizes; every tier runs the same code.
 *
 * @param tier        a name shown in the topology view (hundreds, thousands, millions)
 * @param dataDir     where embedded stores and generated secrets live (default {@code data})
 * @param server      the HTTP server
 * @param auth        token checking and per-user rate limits
 * @param store       the metadata store (h2, postgres, sharded)
 * @param blobs       the blob store (filesystem, s3)
 * @param cache       the record cache (none, caffeine, two-level)
 * @param writes      synchronous or queued writes
 * @param limits      per-request size limits
 * @param quotas      per-user totals
 * @param idempotency how long {@code Idempotency-Key}s are remembered
 */
public record TierConfig(
        String tier,
        Path dataDir,
        ServerConfig server,
        AuthConfig auth,
        StoreConfig store,
        BlobsConfig blobs,
        CacheConfig cache,
        WritesConfig writes,
        LimitsConfig limits,
        QuotaConfig quotas,
        IdempotencyConfig idempotency) {

    public TierConfig {
        ConfigException.require(tier != null && !tier.isBlank(), "tier", "is required");
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        ConfigException.require(server != null, "server", "is required");
        ConfigException.require(auth != null, "auth", "is required");
        ConfigException.require(store != null, "store", "is required");
        ConfigException.require(blobs != null, "blobs", "is required");
        cache = cache == null ? new CacheConfig.None() : cache;
        writes = writes == null ? new WritesConfig.Sync() : writes;
        limits = limits == null ? LimitsConfig.defaults() : limits;
        quotas = quotas == null ? QuotaConfig.defaults() : quotas;
        idempotency = idempotency == null ? IdempotencyConfig.defaults() : idempotency;
    }
}
