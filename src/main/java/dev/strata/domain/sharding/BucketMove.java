package dev.strata.domain.sharding;

import java.util.Objects;

/** One bucket that changes shard between two directory versions. */
public record BucketMove(int bucket, String fromShard, String toShard) {

    public BucketMove {
        Objects.requireNonNull(fromShard, "fromShard");
        Objects.requireNonNull(toShard, "toShard");
        if (bucket < 0) {
            throw new IllegalArgumentException("bucket must not be negative, was " + bucket);
        }
        if (fromShard.equals(toShard)) {
            throw new IllegalArgumentException("bucket " + bucket + " does not move: both shards are " + fromShard);
        }
    }
}
