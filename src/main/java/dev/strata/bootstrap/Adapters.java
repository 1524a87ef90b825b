package dev.strata.bootstrap;

import dev.strata.adapter.blob.filesystem.FilesystemBlobStore;
import dev.strata.adapter.blob.s3.S3BlobStore;
import dev.strata.adapter.blob.s3.S3Settings;
import dev.strata.adapter.cache.caffeine.CaffeineRecordCache;
import dev.strata.adapter.cache.none.NoRecordCache;
import dev.strata.adapter.cache.redis.RedisSharedCache;
import dev.strata.adapter.cache.twolevel.TwoLevelRecordCache;
import dev.strata.adapter.resilience.DependencyGuard;
import dev.strata.adapter.resilience.ResilientBlobStore;
import dev.strata.adapter.resilience.ResilientRecordStore;
import dev.strata.adapter.resilience.RetryBudget;
import dev.strata.adapter.resilience.RetryPolicy;
import dev.strata.adapter.ratelimit.local.LocalRateLimiter;
import dev.strata.adapter.ratelimit.redis.RedisRateLimiter;
import dev.strata.adapter.store.jdbc.JdbcRecordStore;
import dev.strata.adapter.store.jdbc.JdbcSettings;
import dev.strata.adapter.store.jdbc.PostgresRecordStore;
import dev.strata.adapter.store.jdbc.ReadReplica;
import dev.strata.adapter.store.jdbc.SqlDialect;
import dev.strata.config.BlobsConfig;
import dev.strata.config.CacheConfig;
import dev.strata.config.ConfigException;
import dev.strata.config.ResilienceConfig;
import dev.strata.config.StoreConfig;
import dev.strata.config.TierConfig;
import dev.strata.config.WritesConfig;
import dev.strata.port.BlobStore;
import dev.strata.port.RateLimiter;
import dev.strata.port.RecordCache;
import dev.strata.port.RecordStore;
import dev.strata.port.StorageUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Chooses one adapter per port from the tier file. Every config type is handled or refused by name. */
final class Adapters {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Retries a burst may spend from a dependency's budget before earning more. */
    private static final int RETRY_BURST = 10;
    private static final Duration REPLICA_LAG_POLL = Duration.ofMillis(200);

    private Adapters() {
    }

    /** The tier's metadata store behind its circuit breaker and read retries. */
    static RecordStore recordStore(TierConfig config, MeterRegistry registry) {
        return new ResilientRecordStore(technologyRecordStore(config, registry), guard("database", config, registry));
    }

    /** The tier's blob store behind its circuit breaker and read/delete retries. */
    static BlobStore blobStore(TierConfig config, MeterRegistry registry) {
        return new ResilientBlobStore(technologyBlobStore(config), guard("blobs", config, registry));
    }

    private static RecordStore technologyRecordStore(TierConfig config, MeterRegistry registry) {
        StoreConfig store = config.store();
        if (store instanceof StoreConfig.H2 h2) {
            Path file = h2.file() == null ? config.dataDir().resolve("strata") : Path.of(h2.file());
            return JdbcRecordStore.open(new JdbcSettings("h2", SqlDialect.h2FileUrl(file), "sa", "", h2.poolSize(),
                    CONNECT_TIMEOUT, h2.statementTimeout()), registry);
        }
        if (store instanceof StoreConfig.Postgres pg) {
            JdbcSettings primary = new JdbcSettings("primary", pg.url(), pg.user(), pg.password(), pg.poolSize(),
                    pg.connectTimeout(), pg.statementTimeout());
            Optional<ReadReplica> replica = Optional.ofNullable(pg.readReplicaUrl()).map(url -> new ReadReplica(
                    new JdbcSettings("read-replica", url, pg.user(), pg.password(), pg.poolSize(), pg.connectTimeout(),
                            pg.statementTimeout()),
                    pg.maxReplicaLag(), REPLICA_LAG_POLL));
            return PostgresRecordStore.open(primary, pg.connectionBudget(), pg.replicas(), replica, Clock.systemUTC(), registry);
        }
        if (store instanceof StoreConfig.Sharded) {
            throw notAvailable("store.type", "sharded");
        }
        throw new IllegalStateException("unhandled store config " + store);
    }

    private static BlobStore technologyBlobStore(TierConfig config) {
        BlobsConfig blobs = config.blobs();
        if (blobs instanceof BlobsConfig.Filesystem fs) {
            return new FilesystemBlobStore(fs.dir() == null ? config.dataDir().resolve("blobs") : Path.of(fs.dir()));
        }
        if (blobs instanceof BlobsConfig.S3 s3) {
            return S3BlobStore.open(new S3Settings(s3.endpoint(), s3.bucket(), s3.accessKey(), s3.secretKey(), s3.region(),
                    s3.createBucket(), s3.connectTimeout(), s3.readTimeout()));
        }
        throw new IllegalStateException("unhandled blobs config " + blobs);
    }

    static SharedRedis sharedRedis(TierConfig config) {
        if (config.cache() instanceof CacheConfig.TwoLevel twoLevel) {
            return SharedRedis.connect(twoLevel.redisUrl(), twoLevel.commandTimeout());
        }
        return SharedRedis.none();
    }

    static RecordCache recordCache(TierConfig config, MeterRegistry registry, SharedRedis redis) {
        CacheConfig cache = config.cache();
        if (cache instanceof CacheConfig.None) {
            return new NoRecordCache();
        }
        if (cache instanceof CacheConfig.Caffeine caffeine) {
            return new CaffeineRecordCache(caffeine.maxBytes().bytes(), caffeine.ttl(), registry, "records");
        }
        if (cache instanceof CacheConfig.TwoLevel twoLevel) {
            RedisClient client = redis.client().orElseThrow();
            return new TwoLevelRecordCache(twoLevel.nearMaxBytes().bytes(), twoLevel.ttl(),
                    listener -> new RedisSharedCache(client, twoLevel.ttl(), listener),
                    redisBreaker("redis-cache", config.resilience(), twoLevel.commandTimeout()), registry);
        }
        throw new IllegalStateException("unhandled cache config " + cache);
    }

    /** Per user over all replicas when the tier has Redis (falling back to per process), else per process. */
    static RateLimiter rateLimiter(TierConfig config, Clock clock, SharedRedis redis, MeterRegistry registry) {
        var rate = config.auth().rateLimit();
        LocalRateLimiter local = new LocalRateLimiter(rate.requestsPerSecond(), rate.burst(), clock);
        if (config.cache() instanceof CacheConfig.TwoLevel twoLevel) {
            return new RedisRateLimiter(redis.client().orElseThrow(), rate.requestsPerSecond(), rate.burst(), local,
                    redisBreaker("redis-rate-limit", config.resilience(), twoLevel.commandTimeout()), registry);
        }
        return local;
    }

    private static DependencyGuard guard(String dependency, TierConfig config, MeterRegistry registry) {
        ResilienceConfig r = config.resilience();
        CircuitBreaker breaker = CircuitBreaker.of(dependency, breakerConfig(r)
                .recordExceptions(StorageUnavailableException.class)
                .build());
        RetryPolicy retry = new RetryPolicy(r.retryAttempts(), r.retryBaseDelay(), r.retryMaxDelay(),
                new RetryBudget(r.retryBudget(), RETRY_BURST));
        return new DependencyGuard(dependency, breaker, retry, registry);
    }

    /** Redis calls that fail or are slower than the command timeout count against the breaker. */
    private static CircuitBreaker redisBreaker(String name, ResilienceConfig resilience, Duration commandTimeout) {
        return CircuitBreaker.of(name, breakerConfig(resilience)
                .slowCallDurationThreshold(commandTimeout)
                .slowCallRateThreshold(resilience.breakerFailureRate())
                .build());
    }

    /** Opens when the configured share of the last 20 calls (at least 5) failed; then lets 3 calls try again. */
    private static CircuitBreakerConfig.Builder breakerConfig(ResilienceConfig resilience) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(resilience.breakerFailureRate())
                .waitDurationInOpenState(resilience.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(3);
    }

    static void checkWrites(TierConfig config) {
        if (config.writes() instanceof WritesConfig.Queued) {
            throw notAvailable("writes.mode", "queued");
        }
    }

    private static ConfigException notAvailable(String key, String value) {
        return new ConfigException(key + ": '" + value + "' is not available in this build");
    }
}
