package dev.strata.port;

import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cache-aside for records. Thread-safe. A cache failure never fails a read: the adapter falls back to
 * {@code loader}. After {@link #invalidate} returns, no reader in any process gets a value loaded before it.
 */
public interface RecordCache extends AutoCloseable {

    /** The cached record, or the result of {@code loader} (cached when present). */
    Optional<StoredRecord> get(UserId user, RecordKey key, Supplier<Optional<StoredRecord>> loader);

    void invalidate(UserId user, RecordKey key);

    void invalidateUser(UserId user);

    Map<String, Object> describe();

    /** Releases connections; nothing by default. */
    @Override
    default void close() {
    }
}
