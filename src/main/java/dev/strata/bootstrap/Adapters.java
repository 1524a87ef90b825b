package dev.strata.bootstrap;

import dev.strata.adapter.blob.filesystem.FilesystemBlobStore;
import dev.strata.adapter.cache.caffeine.CaffeineRecordCache;
import dev.strata.adapter.cache.none.NoRecordCache;
import dev.strata.adapter.queue.direct.DirectWriteQueue;
import dev.strata.adapter.queue.kafka.KafkaSettings;
import dev.strata.adapter.queue.kafka.KafkaWriteQueue;
import dev.strata.adapter.store.jdbc.JdbcRecordStore;
import dev.strata.adapter.store.jdbc.JdbcSettings;
import dev.strata.adapter.store.jdbc.SqlDialect;
import dev.strata.adapter.store.sharded.ShardedRecordStore;
import dev.strata.adapter.store.sharded.ShardedSettings;
import dev.strata.config.BlobsConfig;
import dev.strata.config.CacheConfig;
import dev.strata.config.ConfigException;
import dev.strata.config.StoreConfig;
import dev.strata.config.TierConfig;
import dev.strata.config.WritesConfig;
import dev.strata.port.BlobStore;
import dev.strata.port.RecordCache;
import dev.strata.port.RecordStore;
import dev.strata.port.WriteQueue;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Chooses one adapter per port from the tier file. Every config type is handled or refused by name. */
final class Adapters {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHARD_CIRCUIT_OPEN_FOR = Duration.ofSeconds(5);

    private Adapters() {
    }

    static RecordStore recordStore(TierConfig config, MeterRegistry registry) {
        StoreConfig store = config.store();
        if (store instanceof StoreConfig.H2 h2) {
            Path file = h2.file() == null ? config.dataDir().resolve("strata") : Path.of(h2.file());
            return JdbcRecordStore.open(new JdbcSettings("h2", SqlDialect.h2FileUrl(file), "sa", "", h2.poolSize(),
                    CONNECT_TIMEOUT, h2.statementTimeout()), registry);
        }
        if (store instanceof StoreConfig.Postgres) {
            throw notAvailable("store.type", "postgres");
        }
        if (store instanceof StoreConfig.Sharded sharded) {
            return ShardedRecordStore.open(new ShardedSettings(sharded.urlList(), sharded.user(), sharded.password(),
                    sharded.buckets(), sharded.poolSize(), CONNECT_TIMEOUT, sharded.statementTimeout(),
                    sharded.directoryPoll(), SHARD_CIRCUIT_OPEN_FOR), registry, Clock.systemUTC());
        }
        throw new IllegalStateException("unhandled store config " + store);
    }

    static BlobStore blobStore(TierConfig config) {
        BlobsConfig blobs = config.blobs();
        if (blobs instanceof BlobsConfig.Filesystem fs) {
            return new FilesystemBlobStore(fs.dir() == null ? config.dataDir().resolve("blobs") : Path.of(fs.dir()));
        }
        if (blobs instanceof BlobsConfig.S3) {
            throw notAvailable("blobs.type", "s3");
        }
        throw new IllegalStateException("unhandled blobs config " + blobs);
    }

    static RecordCache recordCache(TierConfig config, MeterRegistry registry) {
        CacheConfig cache = config.cache();
        if (cache instanceof CacheConfig.None) {
            return new NoRecordCache();
        }
        if (cache instanceof CacheConfig.Caffeine caffeine) {
            return new CaffeineRecordCache(caffeine.maxBytes().bytes(), caffeine.ttl(), registry, "records");
        }
        if (cache instanceof CacheConfig.TwoLevel) {
            throw notAvailable("cache.type", "two-level");
        }
        throw new IllegalStateException("unhandled cache config " + cache);
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
                queued.maxAttempts(), queued.maxUserBacklog());
    }

    private static ConfigException notAvailable(String key, String value) {
        return new ConfigException(key + ": '" + value + "' is not available in this build");
    }
}
