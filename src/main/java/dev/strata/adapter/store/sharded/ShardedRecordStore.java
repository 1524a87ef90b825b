package dev.strata.adapter.store.sharded;

import dev.strata.adapter.store.jdbc.JdbcRecordStore;
import dev.strata.adapter.store.jdbc.JdbcSettings;
import dev.strata.domain.UserId;
import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.port.RecordStore;
import dev.strata.port.ShardDirectory;
import dev.strata.port.StorageUnavailableException;
import dev.strata.port.UserData;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The metadata store over N PostgreSQL shards: every per-user call goes to exactly the one shard the directory names
 * for the user's bucket; sweeps, health and the topology view visit every shard.
 */
public final class ShardedRecordStore implements RecordStore {
    private final ShardDirectory directory;
    private final Map<String, GuardedShard> shards;

    ShardedRecordStore(ShardDirectory directory, Map<String, GuardedShard> shards) {
        this.directory = directory;
        this.shards = shards;
    }

    /** Opens the directory and one migrated pool per shard it names; fails when the tier file lacks one of them. */
    public static ShardedRecordStore open(ShardedSettings settings, MeterRegistry registry, Clock clock) {
        CatalogShardDirectory directory = CatalogShardDirectory.open(settings.urls(), settings.user(), settings.password(),
                settings.buckets(), settings.directoryPollInterval(), clock);
        Map<String, GuardedShard> shards = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> shard : directory.shardUrls().entrySet()) {
                if (!settings.urls().contains(shard.getValue())) {
                    throw new IllegalStateException("store.urls: the directory places " + shard.getKey() + " at "
                            + shard.getValue() + ", which is not among the configured shard URLs");
                }
                JdbcRecordStore store = JdbcRecordStore.open(new JdbcSettings(shard.getKey(),
                        withSocketTimeout(shard.getValue(), settings.statementTimeout()), settings.user(),
                        settings.password(), settings.poolSize(), settings.connectTimeout(), settings.statementTimeout()),
                        registry);
                shards.put(shard.getKey(), new GuardedShard(shard.getKey(), store, settings.circuitOpenFor()));
            }
        } catch (RuntimeException e) {
            shards.values().forEach(GuardedShard::close);
            directory.close();
            throw e;
        }
        return new ShardedRecordStore(directory, java.util.Collections.unmodifiableMap(shards));
    }

    /** A shard that stops answering mid-statement (frozen, partitioned) must not hold a request past the timeout. */
    private static String withSocketTimeout(String url, Duration statementTimeout) {
        long seconds = statementTimeout.toSeconds() + 2;
        return url + (url.contains("?") ? "&" : "?") + "socketTimeout=" + seconds + "&connectTimeout=2";
    }

    @Override
    public <T> T read(UserId user, Function<UserData, T> work) {
        GuardedShard shard = shardOf(user);
        return shard.call(() -> shard.store().read(user, work));
    }

    @Override
    public <T> T write(UserId user, Function<UserData, T> work) {
        GuardedShard shard = shardOf(user);
        return shard.call(() -> shard.store().write(user, work));
    }

    @Override
    public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
        Set<String> referenced = new HashSet<>();
        for (GuardedShard shard : shards.values()) {
            referenced.addAll(shard.call(() -> shard.store().referencedStorageKeys(storageKeys)));
        }
        return referenced;
    }

    @Override
    public int deleteExpiredIdempotencyKeys(long nowMicros) {
        int deleted = 0;
        for (GuardedShard shard : shards.values()) {
            deleted += shard.call(() -> shard.store().deleteExpiredIdempotencyKeys(nowMicros));
        }
        return deleted;
    }

    /** Each shard's next users in bytewise order, merged: the first {@code limit} of the union are among them. */
    @Override
    public List<UserId> listUsers(String afterUserId, int limit) {
        List<UserId> merged = new ArrayList<>();
        for (GuardedShard shard : shards.values()) {
            merged.addAll(shard.call(() -> shard.store().listUsers(afterUserId, limit)));
        }
        return merged.stream().sorted(Comparator.comparing(UserId::value)).limit(limit).toList();
    }

    @Override
    public boolean isHealthy() {
        return shards.values().stream().anyMatch(shard -> shard.store().isHealthy());
    }

    @Override
    public Map<String, Object> describe() {
        BucketAssignment assignment = directory.router().assignment();
        Map<String, Integer> bucketCounts = assignment.bucketCounts();
        List<Map<String, Object>> described = new ArrayList<>();
        for (GuardedShard shard : shards.values()) {
            Map<String, Object> d = shard.describe();
            d.put("buckets", bucketCounts.getOrDefault(shard.id(), 0));
            described.add(d);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "sharded");
        d.put("directoryVersion", assignment.version());
        d.put("buckets", assignment.buckets());
        d.put("shards", described);
        return d;
    }

    @Override
    public void close() {
        shards.values().forEach(GuardedShard::close);
        directory.close();
    }

    private GuardedShard shardOf(UserId user) {
        String id = directory.router().shardOf(user.value());
        GuardedShard shard = shards.get(id);
        if (shard == null) {
            throw new StorageUnavailableException("shard " + id + " of the directory is not configured here", null);
        }
        return shard;
    }
}
