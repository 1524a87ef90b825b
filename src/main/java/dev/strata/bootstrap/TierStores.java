package dev.strata.bootstrap;

import dev.strata.config.TierConfig;
import dev.strata.port.BlobStore;
import dev.strata.port.RecordStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The metadata store and blob store a tier file chooses, without the HTTP server around them. */
public record TierStores(RecordStore records, BlobStore blobs) implements AutoCloseable {

    /** Opens both stores to serve from: the schema is migrated, a missing bucket created when the tier says so. */
    public static TierStores open(TierConfig config, MeterRegistry registry) {
        return openBoth(() -> Adapters.recordStore(config, registry), () -> Adapters.blobStore(config, registry));
    }

    /**
     * Opens both stores to copy from without changing them: read-only connections, the schema validated but not
     * migrated, and an H2 file that must already exist. H2 refuses a file another process holds open, so the
     * service on it must be stopped first.
     */
    public static TierStores openSource(TierConfig config, MeterRegistry registry) {
        return openBoth(() -> Adapters.sourceRecordStore(config, registry), () -> Adapters.blobStore(config, registry));
    }

    private static TierStores openBoth(Supplier<RecordStore> recordStore, Supplier<BlobStore> blobStore) {
        RecordStore records = recordStore.get();
        try {
            return new TierStores(records, blobStore.get());
        } catch (RuntimeException e) {
            records.close();
            throw e;
        }
    }

    /** Closes in reverse order of opening. */
    @Override
    public void close() {
        try {
            blobs.close();
        } finally {
            records.close();
        }
    }
}
