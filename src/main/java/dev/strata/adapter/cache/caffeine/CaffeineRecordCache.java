package dev.strata.adapter.cache.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import dev.strata.adapter.cache.RecordCachePolicy;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import dev.strata.port.RecordCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An in-process cache bounded by the bytes of the records it holds. Loads run inside Caffeine's per-key
 * compute, and {@link #invalidate} waits for a load of the same key to finish before removing it, so a value
 * read from the store before a write committed can never outlive that write's invalidation.
 */
public final class CaffeineRecordCache implements RecordCache {
    private final Cache<Key, StoredRecord> cache;
    private final long maxBytes;

    public CaffeineRecordCache(long maxBytes, Duration ttl, MeterRegistry registry, String name) {
        this.maxBytes = maxBytes;
        this.cache = RecordCachePolicy.boundedBy(maxBytes)
                .weigher((Key k, StoredRecord r) -> RecordCachePolicy.weight(k.user(), k.key(), r))
                .expireAfterWrite(ttl)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    @Override
    public Optional<StoredRecord> get(UserId user, RecordKey key, Supplier<Optional<StoredRecord>> loader) {
        return Optional.ofNullable(cache.get(new Key(user, key), k -> loader.get().orElse(null)));
    }

    @Override
    public void invalidate(UserId user, RecordKey key) {
        cache.invalidate(new Key(user, key));
    }

    @Override
    public void invalidateUser(UserId user) {
        cache.asMap().keySet().removeIf(k -> k.user().equals(user));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "caffeine");
        d.put("maxBytes", maxBytes);
        d.put("entries", cache.estimatedSize());
        d.put("hitRate", cache.stats().hitRate());
        return d;
    }

    private record Key(UserId user, RecordKey key) {
    }
}
