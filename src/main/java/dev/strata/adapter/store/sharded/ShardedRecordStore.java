package dev.strata.adapter.store.sharded;

import dev.strata.adapter.store.jdbc.JdbcRecordStore;
import dev.strata.adapter.store.jdbc.JdbcSettings;
import dev.strata.adapter.store.jdbc.TransactionGuard;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.UserId;
import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.ShardRouter;
import dev.strata.port.RecordStore;
import dev.strata.port.ShardDirectory;
import dev.strata.port.StorageUnavailableException;
import dev.strata.port.UserData;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;

/**
 * The metadata store over N PostgreSQL shards: every per-user call goes to exactly the one shard the directory names
 * for the user's bucket; sweeps, health and the topology view visit every shard of the directory in force. A shard
 * the directory starts naming (reshard added it) is opened on first use, from the URL in the catalog.
 * <p>
 * While reshard moves a bucket, its source shard fences it (see {@link BucketFence}): a write to a frozen bucket waits
 * up to {@code frozenWait} and then fails as unavailable (503, retry); a call that finds the bucket moved re-reads the
 * directory and goes to the new owner.
 */
public final class ShardedRecordStore implements RecordStore {
    private static final int MOVED_RETRIES = 3;
    private static final long FROZEN_RETRY_MILLIS = 20;

    private final ShardDirectory directory;
    private final ShardedSettings settings;
    private final MeterRegistry registry;
    private final Map<String, GuardedShard> shards = new ConcurrentHashMap<>();
    private final AnyShardHealthy health;

    private ShardedRecordStore(ShardDirectory directory, ShardedSettings settings, MeterRegistry registry) {
        this.directory = directory;
        this.settings = settings;
        this.registry = registry;
        this.health = new AnyShardHealthy(settings.connectTimeout());
    }

    /** Opens the directory and one migrated pool per shard it names. */
    public static ShardedRecordStore open(ShardedSettings settings, MeterRegistry registry, Clock clock) {
        CatalogShardDirectory directory = CatalogShardDirectory.open(settings, registry, clock);
        ShardedRecordStore store = new ShardedRecordStore(directory, settings, registry);
        try {
            directory.router().assignment().shardIds().forEach(store::shard);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public <T> T read(UserId user, Function<UserData, T> work) {
        for (int attempt = 0; ; attempt++) {
            ShardRouter router = directory.router();
            int bucket = router.bucketOf(user.value());
            GuardedShard shard = shard(router.assignment().shardOf(bucket));
            try {
                return shard.call(() -> shard.store().read(user, readGuard(bucket), work));
            } catch (BucketMovedException e) {
                if (attempt >= MOVED_RETRIES) {
                    // the directory still names this shard: the move is sealed but not yet published (or its
                    // reshard crashed in between). The sealed copy here is complete and takes no writes, and old
                    // copies are deleted only after the switch, so it still answers reads.
                    return shard.call(() -> shard.store().read(user, work));
                }
                followMove(bucket, attempt);
            }
        }
    }

    @Override
    public <T> T write(UserId user, Function<UserData, T> work) {
        return inOpenBucket(user, (store, bucket) -> store.write(user, writeGuard(user, bucket), work));
    }

    @Override
    public void insertRequestStatus(UserId user, RequestStatus status) {
        inOpenBucket(user, (store, bucket) -> {
            store.insertRequestStatus(user, statusGuard(user, bucket), status);
            return null;
        });
    }

    /** Runs a write transaction on the shard that owns the user's bucket, waiting out a freeze and following a move. */
    private <T> T inOpenBucket(UserId user, BiFunction<JdbcRecordStore, Integer, T> transaction) {
        long frozenDeadline = System.nanoTime() + settings.frozenWait().toNanos();
        for (int moves = 0; ; ) {
            ShardRouter router = directory.router();
            int bucket = router.bucketOf(user.value());
            GuardedShard shard = shard(router.assignment().shardOf(bucket));
            try {
                return shard.call(() -> transaction.apply(shard.store(), bucket));
            } catch (BucketMovedException e) {
                followMove(bucket, moves++);
            } catch (BucketFrozenException e) {
                if (System.nanoTime() > frozenDeadline) {
                    throw new StorageUnavailableException("bucket " + bucket + " is being moved to another shard", null);
                }
                pause();
            }
        }
    }

    @Override
    public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
        Set<String> referenced = new HashSet<>();
        for (GuardedShard shard : currentShards()) {
            referenced.addAll(shard.call(() -> shard.store().referencedStorageKeys(storageKeys)));
        }
        return referenced;
    }

    @Override
    public int deleteExpiredIdempotencyKeys(long nowMicros) {
        return sumOverShards(store -> store.deleteExpiredIdempotencyKeys(nowMicros));
    }

    @Override
    public int deleteFinishedRequests(long finishedBeforeMicros) {
        return sumOverShards(store -> store.deleteFinishedRequests(finishedBeforeMicros));
    }

    @Override
    public int deleteAppliedRequests(long appliedBeforeMicros) {
        return sumOverShards(store -> store.deleteAppliedRequests(appliedBeforeMicros));
    }

    @Override
    public int expireQueuedRequests(long queuedBeforeMicros, long nowMicros, String detail) {
        return sumOverShards(store -> store.expireQueuedRequests(queuedBeforeMicros, nowMicros, detail));
    }

    /** A housekeeping sweep run on every shard of the current directory; the rows it touched, summed. */
    private int sumOverShards(ToIntFunction<JdbcRecordStore> sweep) {
        int total = 0;
        for (GuardedShard shard : currentShards()) {
            total += shard.call(() -> sweep.applyAsInt(shard.store()));
        }
        return total;
    }

    /**
     * Each shard's next users in bytewise order, merged: the first {@code limit} of the union are among them. A bucket
     * that reshard is moving has its users on two shards; they are listed once.
     */
    @Override
    public List<UserId> listUsers(String afterUserId, int limit) {
        List<UserId> merged = new ArrayList<>();
        for (GuardedShard shard : currentShards()) {
            merged.addAll(shard.call(() -> shard.store().listUsers(afterUserId, limit)));
        }
        return merged.stream().distinct().sorted(Comparator.comparing(UserId::value)).limit(limit).toList();
    }

    @Override
    public boolean isHealthy() {
        return health.anyOf(currentShards().stream().<BooleanSupplier>map(shard -> shard.store()::isHealthy).toList());
    }

    @Override
    public Map<String, Object> describe() {
        BucketAssignment assignment = directory.router().assignment();
        Map<String, Integer> bucketCounts = assignment.bucketCounts();
        List<Map<String, Object>> described = new ArrayList<>();
        for (GuardedShard shard : currentShards()) {
            Map<String, Object> d = shard.describe();
            d.put("buckets", bucketCounts.getOrDefault(shard.id(), 0));
            described.add(d);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "sharded");
        d.put("directoryVersion", assignment.version());
        d.put("directoryStale", directory.isStale());
        d.put("buckets", assignment.buckets());
        d.put("shards", described);
        return d;
    }

    @Override
    public void close() {
        shards.values().forEach(GuardedShard::close);
        health.close();
        directory.close();
    }

    private List<GuardedShard> currentShards() {
        return directory.router().assignment().shardIds().stream().map(this::shard).toList();
    }

    private GuardedShard shard(String id) {
        return shards.computeIfAbsent(id, this::openShard);
    }

    private GuardedShard openShard(String id) {
        String url = directory.shardUrls().get(id);
        if (url == null) {
            throw new StorageUnavailableException("shard " + id + " of the directory has no URL in the catalog", null);
        }
        try {
            // the dialect's socket timeout bounds every call, so a frozen or partitioned shard cannot hold a request
            JdbcRecordStore store = JdbcRecordStore.open(new JdbcSettings(id, url, settings.user(), settings.password(),
                    settings.poolSize(), settings.connectTimeout(), settings.statementTimeout()), registry);
            return new GuardedShard(id, store, settings.circuitOpenFor(), registry);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("cannot open shard " + id + ": " + e.getMessage(), e);
        }
    }

    private static TransactionGuard readGuard(int bucket) {
        return handle -> {
            if (BucketFence.state(handle, bucket) == BucketFence.State.MOVED) {
                throw new BucketMovedException();
            }
        };
    }

    private static TransactionGuard writeGuard(UserId user, int bucket) {
        return handle -> {
            enterOpenBucket(handle, bucket);
            BucketFence.noteChange(handle, user.value(), bucket);
        };
    }

    /**
     * A request status needs no new change number: reshard's verification under the freeze compares every user the
     * bucket holds, and skipping the number spares the lock on the user's change row, which would queue the user's
     * status inserts behind each other's commits.
     */
    private static TransactionGuard statusGuard(UserId user, int bucket) {
        return handle -> {
            enterOpenBucket(handle, bucket);
            BucketFence.noteUser(handle, user.value(), bucket);
        };
    }

    private static void enterOpenBucket(Handle handle, int bucket) {
        switch (BucketFence.enterWrite(handle, bucket)) {
            case MOVED -> throw new BucketMovedException();
            case FROZEN -> throw new BucketFrozenException();
            case OPEN -> { }
        }
    }

    /** The shard said the bucket left: the directory names its new owner, or will within a moment of the switch. */
    private void followMove(int bucket, int attempt) {
        if (attempt >= MOVED_RETRIES) {
            throw new StorageUnavailableException("bucket " + bucket + " has moved, and the directory does not say where yet",
                    null);
        }
        if (attempt > 0) {
            pause();
        }
        directory.refresh();
    }

    private static void pause() {
        try {
            Thread.sleep(FROZEN_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for a bucket move", e);
        }
    }

    /** Control flow inside a shard transaction; rolls it back, never leaves this class. */
    private static final class BucketFrozenException extends RuntimeException {
        BucketFrozenException() {
            super(null, null, false, false);
        }
    }

    private static final class BucketMovedException extends RuntimeException {
        BucketMovedException() {
            super(null, null, false, false);
        }
    }
}
