package dev.strata.domain.sharding;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Plans the bucket directory for a new shard list with the fewest bucket moves that still leave
 * every shard within one bucket of every other.
 */
final class MinimalRebalance {

    private final int[] oldShardIndexByBucket;
    private final int[] oldToNewIndex;
    private final int shardCount;

    MinimalRebalance(List<String> oldShardIds, int[] oldShardIndexByBucket, List<String> newShardIds) {
        this.oldShardIndexByBucket = oldShardIndexByBucket;
        this.oldToNewIndex = oldShardIds.stream().mapToInt(newShardIds::indexOf).toArray();
        this.shardCount = newShardIds.size();
    }

    int[] shardIndexByBucket() {
        int buckets = oldShardIndexByBucket.length;
        int[] target = targetCounts(currentCounts());
        int[] kept = new int[shardCount];
        int[] next = new int[buckets];
        int[] released = new int[buckets];
        int releasedCount = 0;
        for (int bucket = 0; bucket < buckets; bucket++) {
            int shard = oldToNewIndex[oldShardIndexByBucket[bucket]];
            if (shard >= 0 && kept[shard] < target[shard]) {
                next[bucket] = shard;
                kept[shard]++;
            } else {
                released[releasedCount++] = bucket;
            }
        }
        int receiver = 0;
        for (int i = 0; i < releasedCount; i++) {
            while (kept[receiver] == target[receiver]) {
                receiver = (receiver + 1) % shardCount;
            }
            next[released[i]] = receiver;
            kept[receiver]++;
            receiver = (receiver + 1) % shardCount;
        }
        return next;
    }

    private int[] currentCounts() {
        int[] counts = new int[shardCount];
        for (int oldIndex : oldShardIndexByBucket) {
            int shard = oldToNewIndex[oldIndex];
            if (shard >= 0) {
                counts[shard]++;
            }
        }
        return counts;
    }

    /**
     * Every shard gets {@code buckets / shards}; the remainder goes one each to the shards holding
     * the most buckets now, because each of those extra buckets then need not move.
     */
    private int[] targetCounts(int[] current) {
        int buckets = oldShardIndexByBucket.length;
        int[] target = new int[shardCount];
        Arrays.fill(target, buckets / shardCount);
        IntStream.range(0, shardCount).boxed()
                .sorted(Comparator.comparingInt((Integer shard) -> -current[shard]).thenComparingInt(shard -> shard))
                .limit(buckets % shardCount)
                .forEach(shard -> target[shard]++);
        return target;
    }
}
