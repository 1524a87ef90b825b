package dev.strata.service;

import dev.strata.port.BlobStore;
import dev.strata.port.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deletes blob objects that no metadata row points to: what a crash between storing bytes and committing
 * metadata, or a failed cleanup, left behind. Objects younger than {@code grace} are skipped, since their
 * upload may still be committing.
 */
public final class OrphanSweeper {
    private static final int BATCH = 500;

    private final RecordStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration grace;

    public OrphanSweeper(RecordStore store, BlobStore blobs, Clock clock, Duration grace) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.grace = grace;
    }

    /** Returns how many objects it deleted. */
    public int sweep() {
        AtomicInteger deleted = new AtomicInteger();
        List<String> batch = new ArrayList<>(BATCH);
        blobs.forEachObjectOlderThan(clock.instant().minus(grace), storageKey -> {
            batch.add(storageKey);
            if (batch.size() == BATCH) {
                deleted.addAndGet(deleteUnreferenced(batch));
                batch.clear();
            }
        });
        deleted.addAndGet(deleteUnreferenced(batch));
        return deleted.get();
    }

    private int deleteUnreferenced(List<String> storageKeys) {
        if (storageKeys.isEmpty()) {
            return 0;
        }
        Set<String> referenced = store.referencedStorageKeys(storageKeys);
        int deleted = 0;
        for (String storageKey : storageKeys) {
            if (!referenced.contains(storageKey)) {
                blobs.delete(storageKey);
                deleted++;
            }
        }
        return deleted;
    }
}
