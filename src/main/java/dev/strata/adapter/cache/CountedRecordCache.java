package dev.strata.adapter.cache;

import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import dev.strata.port.RecordCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Counts lookups through a whole record cache, whatever its levels ({@code strata_cache_gets_total{result}}): a hit
 * is a read the loader did not serve. Caffeine's own {@code cache_gets_total} sees only the in-process level.
 */
public final class CountedRecordCache implements RecordCache {
    private final RecordCache cache;
    private final Counter hits;
    private final Counter misses;

    public CountedRecordCache(RecordCache cache, MeterRegistry registry) {
        this.cache = cache;
        this.hits = gets("hit", registry);
        this.misses = gets("miss", registry);
    }

    private static Counter gets(String result, MeterRegistry registry) {
        return Counter.builder("strata.cache.gets").tag("result", result)
                .description("record reads through the whole cache; a miss went to the database").register(registry);
    }

    @Override
    public Optional<StoredRecord> get(UserId user, RecordKey key, Supplier<Optional<StoredRecord>> loader) {
        AtomicBoolean loaded = new AtomicBoolean();
        Optional<StoredRecord> record = cache.get(user, key, () -> {
            loaded.set(true);
            return loader.get();
        });
        (loaded.get() ? misses : hits).increment();
        return record;
    }

    @Override
    public void invalidate(UserId user, RecordKey key) {
        cache.invalidate(user, key);
    }

    @Override
    public void invalidateUser(UserId user) {
        cache.invalidateUser(user);
    }

    @Override
    public Map<String, Object> describe() {
        return cache.describe();
    }

    @Override
    public void close() {
        cache.close();
    }
}
