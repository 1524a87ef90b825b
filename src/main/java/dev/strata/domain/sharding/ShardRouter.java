package dev.strata.domain.sharding;

/**
 * Routes a userId to its shard through one version of the bucket directory. Immutable and
 * thread-safe; a new directory version means a new router.
 */
public final class ShardRouter {

    private final BucketHasher hasher;
    private final BucketAssignment assignment;

    public ShardRouter(BucketAssignment assignment) {
        this.hasher = new BucketHasher(assignment.buckets());
        this.assignment = assignment;
    }

    public BucketAssignment assignment() {
        return assignment;
    }

    public int bucketOf(String userId) {
        return hasher.bucketOf(userId);
    }

    public String shardOf(String userId) {
        return assignment.shardOf(hasher.bucketOf(userId));
    }
}
