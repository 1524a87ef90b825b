package dev.strata.migrate;

import dev.strata.bootstrap.TierStores;
import dev.strata.port.BlobStore;
import dev.strata.port.RecordStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a tier's stores are, read from their {@code describe()} views (which never hold secrets): the JDBC URL of
 * a single database or the URLs of a sharded store's shards, and a blob store's type with its directory or its
 * endpoint and bucket.
 */
final class StoreLocations {
    private static final List<String> BLOB_LOCATION_KEYS = List.of("type", "endpoint", "bucket", "dir");

    private StoreLocations() {
    }

    /** Names a tier's stores for the checkpoint, so a checkpoint is only ever resumed between the same stores. */
    static String of(TierStores stores) {
        return records(stores.records()) + " + " + blobs(stores.blobs());
    }

    /**
     * Whether both blob stores are the same place (same S3 endpoint and bucket, or the same directory): then every
     * object the source's rows point to is already where the target's rows will, and copying it would only
     * rewrite it onto itself.
     */
    static boolean sameBlobStore(BlobStore source, BlobStore target) {
        return blobs(source).equals(blobs(target));
    }

    static Map<String, Object> blobs(BlobStore store) {
        Map<String, Object> location = new LinkedHashMap<>();
        store.describe().forEach((key, value) -> {
            if (BLOB_LOCATION_KEYS.contains(key)) {
                location.put(key, value);
            }
        });
        return location;
    }

    private static String records(RecordStore store) {
        Map<String, Object> described = store.describe();
        if (described.get("shards") instanceof List<?> shards) {
            return shards.stream().map(shard -> String.valueOf(((Map<?, ?>) shard).get("url")))
                    .collect(Collectors.joining(",", "shards[", "]"));
        }
        return String.valueOf(described.get("url"));
    }
}
