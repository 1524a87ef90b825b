package dev.strata.adapter.cache.none;

import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import dev.strata.port.RecordCache;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** No cache: every read goes to the store, so the service never asks whether caching is on. */
public final class NoRecordCache implements RecordCache {
    @Override
    public Optional<StoredRecord> get(UserId user, RecordKey key, Supplier<Optional<StoredRecord>> loader) {
        return loader.get();
    }

    @Override
    public void invalidate(UserId user, RecordKey key) {
        // nothing cached
    }

    @Override
    public void invalidateUser(UserId user) {
        // nothing cached
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("type", "none");
    }
}
