package dev.strata.domain.sharding;

import java.util.List;

/**
 * Spreads users over a fixed list of nodes by their virtual bucket (the same bucket the shard directory uses):
 * node index = bucket mod N. Stable for a given node list; changing the list (or its order) remaps about
 * (N-1)/N of the buckets, so it suits only data that can be lost, such as a cache. Immutable and thread-safe.
 *
 * @param <T> what a node is
 */
public final class BucketRing<T> {
    private final BucketHasher hasher;
    private final List<T> nodes;

    public BucketRing(BucketHasher hasher, List<T> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one node");
        }
        this.hasher = hasher;
        this.nodes = List.copyOf(nodes);
    }

    public T nodeOf(String userId) {
        return nodes.get(indexOf(userId));
    }

    public int indexOf(String userId) {
        return hasher.bucketOf(userId) % nodes.size();
    }

    public List<T> nodes() {
        return nodes;
    }

    public int buckets() {
        return hasher.buckets();
    }
}
