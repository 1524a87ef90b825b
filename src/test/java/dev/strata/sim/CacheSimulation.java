package dev.strata.sim;

import com.github.benmanes.caffeine.cache.Cache;
import dev.strata.adapter.cache.RecordCachePolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/** Replays a key trace through a cache of a given size and counts misses; single-threaded and deterministic. */
final class CacheSimulation {

    private final int[] trace;
    private final Integer[] boxedKeys;

    CacheSimulation(int[] trace, int keys) {
        this.trace = trace;
        this.boxedKeys = new Integer[keys];
        for (int k = 0; k < keys; k++) {
            boxedKeys[k] = k;
        }
    }

    /**
     * Caffeine (W-TinyLFU) as Strata's record caches build it ({@link RecordCachePolicy}), holding
     * {@code maximumSize} records of the typical size, with maintenance run on the calling thread and
     * forced after every insert, so eviction never lags behind and the result does not depend on timing.
     */
    double caffeineMissRatio(int maximumSize) {
        Cache<Integer, Integer> cache = RecordCachePolicy.boundedBy((long) maximumSize * RecordCachePolicy.TYPICAL_ENTRY_BYTES)
                .weigher((Integer key, Integer value) -> RecordCachePolicy.TYPICAL_ENTRY_BYTES)
                .executor(Runnable::run)
                .build();
        long misses = 0;
        for (int key : trace) {
            Integer boxed = boxedKeys[key];
            if (cache.getIfPresent(boxed) == null) {
                misses++;
                cache.put(boxed, boxed);
                cache.cleanUp();
            }
        }
        return (double) misses / trace.length;
    }

    double lruMissRatio(int maximumSize) {
        Map<Integer, Integer> cache = new LinkedHashMap<>(maximumSize * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
                return size() > maximumSize;
            }
        };
        long misses = 0;
        for (int key : trace) {
            Integer boxed = boxedKeys[key];
            if (cache.get(boxed) == null) {
                misses++;
                cache.put(boxed, boxed);
            }
        }
        return (double) misses / trace.length;
    }
}
