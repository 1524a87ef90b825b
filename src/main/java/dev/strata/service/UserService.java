package dev.strata.service;

import dev.strata.domain.ErasedData;
import dev.strata.domain.Quotas;
import dev.strata.domain.UserId;
import dev.strata.port.BlobStore;
import dev.strata.port.RecordCache;
import dev.strata.port.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whole-user operations: what a user uses, and erasing everything a user has. */
public final class UserService {
    private static final Logger log = LoggerFactory.getLogger(UserService.class);

    private final RecordStore store;
    private final BlobStore blobs;
    private final RecordCache cache;
    private final Quotas quotas;

    public UserService(RecordStore store, BlobStore blobs, RecordCache cache, Quotas quotas) {
        this.store = store;
        this.blobs = blobs;
        this.cache = cache;
        this.quotas = quotas;
    }

    public UsageReport usage(UserId user) {
        return new UsageReport(store.read(user, tx -> tx.usage()), quotas);
    }

    /** Deletes all of the user's metadata in one transaction, then the blob bytes. Repeating it removes nothing more. */
    public ErasedData erase(UserId user) {
        ErasedData erased = store.write(user, tx -> tx.eraseAll());
        cache.invalidateUser(user);
        for (String storageKey : erased.storageKeys()) {
            try {
                blobs.delete(storageKey);
            } catch (RuntimeException e) {
                log.warn("could not delete blob object {} of erased user; the orphan sweep will remove it", storageKey, e);
            }
        }
        return erased;
    }
}
