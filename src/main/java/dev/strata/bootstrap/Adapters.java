package dev.strata.bootstrap;

import dev.strata.adapter.blob.filesystem.FilesystemBlobStore;
import dev.strata.adapter.blob.s3.S3BlobStore;
import dev.strata.adapter.blob.s3.S3Settings;
import dev.strata.adapter.cache.CountedRecordCache;
import dev.strata.adapter.cache.caffeine.CaffeineRecordCache;
import dev.strata.adapter.cache.none.NoRecordCache;
import dev.strata.adapter.queue.direct.DirectWriteQueue;
import dev.strata.adapter.queue.kafka.KafkaSettings;
import dev.strata.adapter.queue.kafka.KafkaWriteQueue;
import dev.strata.adapter.cache.redis.RedisSharedCache;
import dev.strata.adapter.cache.ring.RingRecordCache;
import dev.strata.adapter.cache.twolevel.TwoLevelRecordCache;
import dev.strata.adapter.resilience.DependencyGuard;
import dev.strata.adapter.resilience.ResilientBlobStore;
import dev.strata.adapter.resilience.ResilientRecordStore;
import dev.strata.adapter.resilience.RetryBudget;
import dev.strata.adapter.resilience.RetryPolicy;
import dev.strata.adapter.ratelimit.local.LocalRateLimiter;
import dev.strata.adapter.ratelimit.redis.RedisRateLimiter;
import dev.strata.adapter.ratelimit.ring.RingRateLimiter;
import dev.strata.adapter.redis.RedisEndpoint;
import dev.strata.adapter.store.jdbc.JdbcRecordStore;
import dev.strata.adapter.store.jdbc.JdbcSettings;
import dev.strata.adapter.store.jdbc.PostgresRecordStore;
import dev.strata.adapter.store.jdbc.ReadReplica;
import dev.strata.adapter.store.jdbc.SqlDialect;
import dev.strata.adapter.store.sharded.ShardedRecordStore;
import dev.strata.adapter.store.sharded.ShardedSettings;
import dev.strata.config.BlobsConfig;
import dev.strata.config.CacheConfig;
import dev.strata.config.ConfigException;
import dev.strata.config.ResilienceConfig;
import dev.strata.config.StoreConfig;
import dev.strata.config.TierConfig;
import dev.strata.config.WritesConfig;
import dev.strata.domain.sharding.BucketHasher;
import dev.strata.domain.sharding.BucketRing;
import dev.strata.port.BlobStore;
import dev.strata.port.RateLimiter;
import dev.strata.port.RecordCache;
import dev.strata.port.RecordStore;
import dev.strata.port.StorageUnavailableException;
import dev.strata.port.WriteQueue;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Chooses one adapter per port from the tier file. Every config type is handled or refused by name. */
final class Adapters {
    /** An embedded file has no network to fail fast on, and creating it can take seconds on a busy machine. */
    private static final Duration H2_OPEN_TIMEOUT = Duration.ofSeconds(15);
    /** Freezes last well under a second, so most writers ride one out instead of seeing a 503. */
    private static final Duration FROZEN_BUCKET_WAIT = Duration.ofMillis(500);
    /** Retries a burst may spend from a dependency's budget before earning more. */
    private static final int RETRY_BURST = 10;
    private static final Duration REPLICA_LAG_POLL = Duration.ofMillis(200);

    private Adapters() {
    }

    /**
     * The tier's metadata store behind its circuit breaker and read retries. A sharded store guards each shard with
     * a breaker of its own instead, so one shard's outage never refuses the users of the others.
     */
    static RecordStore recordStore(TierConfig config, MeterRegistry registry) {
        RecordStore store = technologyRecordStore(config, registry);
        return config.store() instanceof StoreConfig.Sharded ? store
                : new ResilientRecordStore(store, guard("database", config, registry));
    }

    /** The tier's blob store behind its circuit breaker and read/delete retries. */
    static BlobStore blobStore(TierConfig config, MeterRegistry registry) {
        return new ResilientBlobStore(technologyBlobStore(config), guard("blobs", config, registry));
    }

    private static RecordStore technologyRecordStore(TierConfig config, MeterRegistry registry) {
        StoreConfig store = config.store();
        if (store instanceof StoreConfig.H2 h2) {
            return JdbcRecordStore.open(h2Settings(config, h2, ""), registry);
        }
        if (store instanceof StoreConfig.Postgres pg) {
            Optional<ReadReplica> replica = Optional.ofNullable(pg.readReplicaUrl()).map(url -> new ReadReplica(
                    new JdbcSettings("read-replica", url, pg.user(), pg.password(), pg.poolSize(), pg.connectTimeout(),
                            pg.statementTimeout()),
                    pg.maxReplicaLag(), REPLICA_LAG_POLL));
            return PostgresRecordStore.open(primarySettings(pg), pg.connectionBudget(), pg.replicas(), replica,
                    Clock.systemUTC(), registry);
        }
        if (store instanceof StoreConfig.Sharded sharded) {
            return ShardedRecordStore.open(new ShardedSettings(sharded.urlList(), sharded.user(), sharded.password(),
                    sharded.buckets(), sharded.poolSize(), sharded.connectTimeout(), sharded.statementTimeout(),
                    sharded.directoryPoll(), config.resilience().breakerOpenFor(), FROZEN_BUCKET_WAIT), registry,
                    Clock.systemUTC());
        }
        throw new IllegalStateException("unhandled store config " + store);
    }

    /** The metadata store opened to copy from: read-only, its schema validated and never migrated. */
    static RecordStore sourceRecordStore(TierConfig config, MeterRegistry registry) {
        StoreConfig store = config.store();
        if (store instanceof StoreConfig.H2 h2) {
            // IFEXISTS: a wrong path fails instead of creating an empty source
            return JdbcRecordStore.openSource(h2Settings(config, h2, ";IFEXISTS=TRUE"), registry);
        }
        if (store instanceof StoreConfig.Postgres pg) {
            return JdbcRecordStore.openSource(primarySettings(pg), registry);
        }
        if (store instanceof StoreConfig.Sharded) {
            throw new ConfigException("store.type: a sharded tier is the top of the growth path and cannot be migrated from;"
                    + " change its shards with 'strata reshard'");
        }
        throw new IllegalStateException("unhandled store config " + store);
    }

    private static JdbcSettings h2Settings(TierConfig config, StoreConfig.H2 h2, String urlOptions) {
        Path file = h2.file() == null ? config.dataDir().resolve("strata") : Path.of(h2.file());
        return new JdbcSettings("h2", SqlDialect.h2FileUrl(file) + urlOptions, "sa", "", h2.poolSize(),
                H2_OPEN_TIMEOUT, h2.statementTimeout());
    }

    private static JdbcSettings primarySettings(StoreConfig.Postgres pg) {
        return new JdbcSettings("primary", pg.url(), pg.user(), pg.password(), pg.poolSize(), pg.connectTimeout(),
                pg.statementTimeout());
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
            return SharedRedis.connect(twoLevel);
        }
        return SharedRedis.none();
    }

    static RecordCache recordCache(TierConfig config, MeterRegistry registry, SharedRedis redis) {
        CacheConfig cache = config.cache();
        if (cache instanceof CacheConfig.None) {
            return new NoRecordCache();
        }
        return new CountedRecordCache(cacheLevels(config, registry, redis), registry);
    }

    private static RecordCache cacheLevels(TierConfig config, MeterRegistry registry, SharedRedis redis) {
        CacheConfig cache = config.cache();
        if (cache instanceof CacheConfig.Caffeine caffeine) {
            return new CaffeineRecordCache(caffeine.maxBytes().bytes(), caffeine.ttl(), registry, "records");
        }
        if (cache instanceof CacheConfig.TwoLevel twoLevel) {
            List<RedisEndpoint> endpoints = redis.endpoints();
            long nearMaxBytes = twoLevel.nearMaxBytes().bytes();
            return switch (twoLevel.redisMode()) {
                case SINGLE, CLUSTER -> twoLevelCache(twoLevel, config.resilience(), endpoints.get(0), nearMaxBytes, "redis-cache", Tags.empty(), registry);
                case RING -> new RingRecordCache(new BucketRing<>(userBuckets(config), IntStream.range(0, endpoints.size())
                        .<RecordCache>mapToObj(i -> twoLevelCache(twoLevel, config.resilience(), endpoints.get(i), nearMaxBytes / endpoints.size(),
                                "redis-cache-" + i, Tags.of("node", Integer.toString(i)), registry))
                        .toList()));
            };
        }
        throw new IllegalStateException("unhandled cache config " + cache);
    }

    private static TwoLevelRecordCache twoLevelCache(CacheConfig.TwoLevel twoLevel, ResilienceConfig resilience,
                                                     RedisEndpoint endpoint, long nearMaxBytes, String breakerName,
                                                     Tags tags, MeterRegistry registry) {
        return new TwoLevelRecordCache(nearMaxBytes, twoLevel.ttl(),
                listener -> new RedisSharedCache(endpoint, twoLevel.ttl(), listener),
                redisBreaker(breakerName, resilience, twoLevel.commandTimeout()), registry, tags);
    }

    /**
     * Per user over all replicas when the tier has Redis (falling back to per process), else per process. A ring
     * counts each user's permits on that user's node, as the cache does.
     */
    static RateLimiter rateLimiter(TierConfig config, Clock clock, SharedRedis redis, MeterRegistry registry) {
        var rate = config.auth().rateLimit();
        LocalRateLimiter local = new LocalRateLimiter(rate.requestsPerSecond(), rate.burst(), clock);
        if (config.cache() instanceof CacheConfig.TwoLevel twoLevel) {
            List<RedisEndpoint> endpoints = redis.endpoints();
            return switch (twoLevel.redisMode()) {
                case SINGLE, CLUSTER -> new RedisRateLimiter(endpoints.get(0), rate.requestsPerSecond(), rate.burst(), local,
                        redisBreaker("redis-rate-limit", config.resilience(), twoLevel.commandTimeout()), registry);
                case RING -> new RingRateLimiter(new BucketRing<>(userBuckets(config), IntStream.range(0, endpoints.size())
                        .<RateLimiter>mapToObj(i -> new RedisRateLimiter(endpoints.get(i), rate.requestsPerSecond(), rate.burst(),
                                local, redisBreaker("redis-rate-limit-" + i, config.resilience(), twoLevel.commandTimeout()), registry))
                        .toList()));
            };
        }
        return local;
    }

    /** The users' virtual buckets: the shard directory's on a sharded tier, the default count elsewhere. */
    private static BucketHasher userBuckets(TierConfig config) {
        return new BucketHasher(config.store() instanceof StoreConfig.Sharded sharded
                ? sharded.buckets() : StoreConfig.Sharded.DEFAULT_BUCKETS);
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

    static WriteQueue writeQueue(TierConfig config, RecordStore store, Clock clock) {
        WritesConfig writes = config.writes();
        if (writes instanceof WritesConfig.Sync) {
            return new DirectWriteQueue();
        }
        if (writes instanceof WritesConfig.Queued queued) {
            return new KafkaWriteQueue(kafkaSettings(queued), store, clock);
        }
        throw new IllegalStateException("unhandled writes config " + writes);
    }

    static KafkaSettings kafkaSettings(WritesConfig.Queued queued) {
        return new KafkaSettings(queued.bootstrap(), queued.topic(), queued.partitions(),
                queued.replicationFactor().shortValue(), queued.ackTimeout(), queued.deliveryTimeout(),
                queued.maxAttempts(), queued.maxUserBacklog(), queued.queuedExpiry());
    }
}
