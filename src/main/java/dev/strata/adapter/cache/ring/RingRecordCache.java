package dev.strata.adapter.cache.ring;

import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import dev.strata.domain.sharding.BucketRing;
import dev.strata.port.RecordCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A record cache partitioned by user: each user's records live in the one cache of the ring their bucket picks,
 * so one node failing touches only its own users. Thread-safe when the node caches are; the contract of
 * {@link RecordCache} holds per node, and every call for a user goes to that user's node.
 */
public final class RingRecordCache implements RecordCache {
    private final BucketRing<RecordCache> ring;

    public RingRecordCache(BucketRing<RecordCache> ring) {
        this.ring = ring;
    }

    @Override
    public Optional<StoredRecord> get(UserId user, RecordKey key, Supplier<Optional<StoredRecord>> loader) {
        return ring.nodeOf(user.value()).get(user, key, loader);
    }

    @Override
    public void invalidate(UserId user, RecordKey key) {
        ring.nodeOf(user.value()).invalidate(user, key);
    }

    @Override
    public void invalidateUser(UserId user) {
        ring.nodeOf(user.value()).invalidateUser(user);
    }

    @Override
    public Map<String, Object> describe() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (RecordCache node : ring.nodes()) {
            nodes.add(node.describe());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "ring");
        d.put("buckets", ring.buckets());
        d.put("nodes", nodes);
        return d;
    }

    @Override
    public void close() {
        ring.nodes().forEach(RecordCache::close);
    }
}
