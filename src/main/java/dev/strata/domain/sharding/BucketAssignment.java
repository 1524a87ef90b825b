package dev.strata.domain.sharding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * One version of the bucket directory: which shard owns each virtual bucket. Immutable and
 * thread-safe. Shards are named by id; their order is the order they were configured in.
 */
public final class BucketAssignment {

    private final long version;
    private final List<String> shardIds;
    private final int[] shardIndexByBucket;

    private BucketAssignment(long version, List<String> shardIds, int[] shardIndexByBucket) {
        this.version = version;
        this.shardIds = shardIds;
        this.shardIndexByBucket = shardIndexByBucket;
    }

    /**
     * A stored directory version, as read back from the catalog.
     *
     * @param shardIndexByBucket for each bucket, the index of its shard in {@code shardIds}
     * @throws IllegalArgumentException if the version is not positive, the shard ids are empty,
     *                                  blank or repeated, or a bucket names no shard
     */
    public static BucketAssignment of(long version, List<String> shardIds, int[] shardIndexByBucket) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, was " + version);
        }
        int[] indexes = shardIndexByBucket.clone();
        List<String> ids = validShardIds(shardIds, indexes.length);
        for (int bucket = 0; bucket < indexes.length; bucket++) {
            if (indexes[bucket] < 0 || indexes[bucket] >= ids.size()) {
                throw new IllegalArgumentException("bucket " + bucket + " names shard index " + indexes[bucket]
                        + ", but there are " + ids.size() + " shards");
            }
        }
        return new BucketAssignment(version, ids, indexes);
    }

    /**
     * Version 1 of a directory: contiguous bucket ranges in shard order, sizes differing by at most one.
     *
     * @throws IllegalArgumentException if there are fewer buckets than shards, or the shard ids are
     *                                  empty, blank or repeated
     */
    public static BucketAssignment even(int buckets, List<String> shardIds) {
        List<String> ids = validShardIds(shardIds, buckets);
        int[] indexes = new int[buckets];
        for (int bucket = 0; bucket < buckets; bucket++) {
            indexes[bucket] = (int) ((long) bucket * ids.size() / buckets);
        }
        return new BucketAssignment(1, ids, indexes);
    }

    /**
     * The next version, balanced over {@code newShardIds} (bucket counts differing by at most one)
     * while moving as few buckets as possible: a removed shard's buckets spread over the others, an
     * added shard takes buckets only from shards that hold more than their new share, and no bucket
     * moves between two staying shards unless they were unbalanced before.
     */
    public BucketAssignment rebalanceTo(List<String> newShardIds) {
        List<String> ids = validShardIds(newShardIds, buckets());
        int[] indexes = new MinimalRebalance(shardIds, shardIndexByBucket, ids).shardIndexByBucket();
        return new BucketAssignment(version + 1, ids, indexes);
    }

    /**
     * The next version over {@code newShardIds}, each bucket owned by {@code ownerOf.apply(bucket)}: how reshard
     * publishes one moved bucket at a time, and finally the goal's shard list.
     *
     * @throws IllegalArgumentException if an owner is not among {@code newShardIds}
     */
    public BucketAssignment next(List<String> newShardIds, IntFunction<String> ownerOf) {
        List<String> ids = validShardIds(newShardIds, buckets());
        int[] indexes = new int[buckets()];
        for (int bucket = 0; bucket < indexes.length; bucket++) {
            indexes[bucket] = ids.indexOf(ownerOf.apply(bucket));
            if (indexes[bucket] < 0) {
                throw new IllegalArgumentException("bucket " + bucket + " would be owned by " + ownerOf.apply(bucket)
                        + ", which is not among " + ids);
            }
        }
        return new BucketAssignment(version + 1, ids, indexes);
    }

    /** The buckets whose shard differs between two versions of the same directory, in bucket order. */
    public static List<BucketMove> moves(BucketAssignment from, BucketAssignment to) {
        if (from.buckets() != to.buckets()) {
            throw new IllegalArgumentException("bucket counts differ: " + from.buckets() + " and " + to.buckets());
        }
        List<BucketMove> moves = new ArrayList<>();
        for (int bucket = 0; bucket < from.buckets(); bucket++) {
            String fromShard = from.shardOf(bucket);
            String toShard = to.shardOf(bucket);
            if (!fromShard.equals(toShard)) {
                moves.add(new BucketMove(bucket, fromShard, toShard));
            }
        }
        return moves;
    }

    public long version() {
        return version;
    }

    public int buckets() {
        return shardIndexByBucket.length;
    }

    public List<String> shardIds() {
        return shardIds;
    }

    public String shardOf(int bucket) {
        Objects.checkIndex(bucket, shardIndexByBucket.length);
        return shardIds.get(shardIndexByBucket[bucket]);
    }

    /** For each bucket, the index of its shard in {@link #shardIds()}; a copy, for storing. */
    public int[] shardIndexByBucket() {
        return shardIndexByBucket.clone();
    }

    /** How many buckets each shard owns, in shard order. */
    public Map<String, Integer> bucketCounts() {
        int[] counts = new int[shardIds.size()];
        for (int index : shardIndexByBucket) {
            counts[index]++;
        }
        Map<String, Integer> byShard = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            byShard.put(shardIds.get(i), counts[i]);
        }
        return byShard;
    }

    @Override
    public String toString() {
        return "BucketAssignment[version=" + version + ", buckets=" + buckets() + ", shards=" + shardIds + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BucketAssignment that
                && version == that.version
                && shardIds.equals(that.shardIds)
                && Arrays.equals(shardIndexByBucket, that.shardIndexByBucket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, shardIds, Arrays.hashCode(shardIndexByBucket));
    }

    private static List<String> validShardIds(List<String> shardIds, int buckets) {
        if (shardIds.isEmpty()) {
            throw new IllegalArgumentException("at least one shard is needed");
        }
        if (shardIds.size() > buckets) {
            throw new IllegalArgumentException(shardIds.size() + " shards need at least as many buckets, but there are "
                    + buckets);
        }
        var seen = new HashSet<String>();
        for (String id : shardIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("shard ids must not be blank: " + shardIds);
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("shard id " + id + " appears twice: " + shardIds);
            }
        }
        return List.copyOf(shardIds);
    }
}
