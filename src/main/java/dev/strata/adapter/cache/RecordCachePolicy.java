package dev.strata.adapter.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;

/**
 * How every in-process record cache is bounded: by the bytes of the records it holds, with a TinyLFU frequency
 * history four times longer than Caffeine's own. Caffeine sizes its frequency sketch to the number of entries and
 * halves its counts every ten times that many requests, so keys near the edge of the hot set, asked for about once
 * in that window, all look alike; a sketch four times larger missed 0.78x as often as LRU on the Zipf(0.99)
 * trace at 25% cache size, against 0.81x (bench/SIMULATIONS.md). Caffeine takes the sketch's size from the initial
 * capacity, which also presizes its map.
 */
public final class RecordCachePolicy {
    /** A record of about 150 characters with its key, user and overhead: sizes the history, not the bound. */
    public static final int TYPICAL_ENTRY_BYTES = 512;
    private static final int HISTORY_PER_ENTRY = 4;
    /** Rough per-entry overhead of the key, the record object and the map node. */
    private static final int ENTRY_OVERHEAD_BYTES = 160;

    private RecordCachePolicy() {
    }

    /** A builder bounded by {@code maxBytes} of entries weighed with {@link #weight}. */
    public static Caffeine<Object, Object> boundedBy(long maxBytes) {
        long typicalEntries = Math.max(1, maxBytes / TYPICAL_ENTRY_BYTES);
        return Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .initialCapacity((int) Math.min(Integer.MAX_VALUE >> 2, HISTORY_PER_ENTRY * typicalEntries));
    }

    /** An entry's share of the bound: its strings as UTF-16 plus the objects around them. */
    public static int weight(UserId user, RecordKey key, StoredRecord record) {
        return ENTRY_OVERHEAD_BYTES + 2 * (user.value().length() + key.value().length() + record.value().length());
    }
}
