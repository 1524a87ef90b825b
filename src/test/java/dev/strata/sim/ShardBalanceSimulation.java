package dev.strata.sim;

import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.BucketHasher;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Spreads synthetic users {@code "user-0" .. "user-(n-1)"} over the buckets once, then weighs directories. */
final class ShardBalanceSimulation {

    private final long[] usersPerBucket;
    private final long users;

    ShardBalanceSimulation(int users, int buckets) {
        var hasher = new BucketHasher(buckets);
        this.usersPerBucket = new long[buckets];
        for (int i = 0; i < users; i++) {
            usersPerBucket[hasher.bucketOf("user-" + i)]++;
        }
        this.users = users;
    }

    /** The fullest shard's user count divided by the mean over all shards. */
    double maxOverMeanLoad(BucketAssignment assignment) {
        Map<String, Long> load = new HashMap<>();
        for (int bucket = 0; bucket < usersPerBucket.length; bucket++) {
            load.merge(assignment.shardOf(bucket), usersPerBucket[bucket], Long::sum);
        }
        long max = load.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        double mean = (double) users / assignment.shardIds().size();
        return max / mean;
    }

    /** The share of all users whose bucket changes shard between the two directories. */
    double movedFraction(BucketAssignment from, BucketAssignment to) {
        long moved = BucketAssignment.moves(from, to).stream().mapToLong(move -> usersPerBucket[move.bucket()]).sum();
        return (double) moved / users;
    }

    /**
     * Max/mean load when each user is hashed straight to a shard, with no buckets in between: the
     * best any hash-based placement can do, shown next to the directory's figure.
     */
    double directHashMaxOverMeanLoad(int shards) {
        var hasher = new BucketHasher(shards);
        long[] load = new long[shards];
        for (int i = 0; i < users; i++) {
            load[hasher.bucketOf("user-" + i)]++;
        }
        return Arrays.stream(load).max().orElseThrow() / ((double) users / shards);
    }

    /**
     * The max/mean load this simulation may show: the 1.02, or four standard deviations of a
     * shard's user count where that is larger. A shard's load is a sum of Poisson-like bucket counts,
     * so its relative deviation is about sqrt((shards - 1) / users) whatever the bucket count; past
     * 26 shards for 1M users, 1.02 is within the max of that noise and no user-blind directory can
     * promise it.
     */
    double allowedMaxOverMeanLoad(int shards) {
        return Math.max(1.02, 1 + 4 * Math.sqrt((shards - 1.0) / users));
    }

    /** Relative standard deviation of users per bucket: the noise no bucket directory can remove. */
    double bucketLoadCoefficientOfVariation() {
        double mean = (double) users / usersPerBucket.length;
        double variance = Arrays.stream(usersPerBucket).mapToDouble(n -> (n - mean) * (n - mean)).sum()
                / usersPerBucket.length;
        return Math.sqrt(variance) / mean;
    }

    /** {@code shard-0 .. shard-(count-1)}: shard {@code count-1} is the one added last. */
    static List<String> shardIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> "shard-" + i).toList();
    }
}
