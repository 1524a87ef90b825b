package dev.strata.config;

import java.nio.file.Path;
import java.time.Duration;

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
 * @param resilience  circuit breakers and retries of the database and blob store calls
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
        IdempotencyConfig idempotency,
        ResilienceConfig resilience) {

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
        resilience = resilience == null ? ResilienceConfig.defaults() : resilience;
        requireShorterThanIdleTimeout(server, store, blobs, cache);
    }

    /** A dependency must give up before the server would drop the client's silent connection. */
    private static void requireShorterThanIdleTimeout(ServerConfig server, StoreConfig store, BlobsConfig blobs,
                                                      CacheConfig cache) {
        Duration limit = server.idleTimeout();
        Duration statement = store instanceof StoreConfig.H2 h2 ? h2.statementTimeout()
                : store instanceof StoreConfig.Postgres pg ? pg.statementTimeout()
                : ((StoreConfig.Sharded) store).statementTimeout();
        ConfigException.require(statement.compareTo(limit) < 0, "store.statementTimeout",
                "must be shorter than server.idleTimeout (" + limit + ")");
        if (blobs instanceof BlobsConfig.S3 s3) {
            ConfigException.require(s3.readTimeout().compareTo(limit) < 0, "blobs.readTimeout",
                    "must be shorter than server.idleTimeout (" + limit + ")");
        }
        if (cache instanceof CacheConfig.TwoLevel twoLevel) {
            ConfigException.require(twoLevel.commandTimeout().compareTo(limit) < 0, "cache.commandTimeout",
                    "must be shorter than server.idleTimeout (" + limit + ")");
        }
    }
}
