package dev.strata.port;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Raw bytes under server-generated storage keys. Thread-safe. Failures to reach the store surface as
 * {@link StorageUnavailableException}, a full store as {@link StorageFullException}.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Copies {@code content} to the end under {@code storageKey}; when this returns the bytes are durable and
     * complete. On any failure nothing is left under the key. Exceptions thrown while reading {@code content}
     * propagate unchanged.
     */
    void write(String storageKey, InputStream content);

    /** The bytes {@code [offset, offset + length)} of the object; the caller closes the stream. */
    InputStream open(String storageKey, long offset, long length);

    /** Removes the object; succeeds when it is already gone. */
    void delete(String storageKey);

    /** Calls {@code visitor} for every stored object last written before {@code before}. */
    void forEachObjectOlderThan(Instant before, Consumer<String> visitor);

    /**
     * A URL a client may GET the whole object from directly for {@code validFor}; empty when this store cannot
     * hand out such URLs (then the bytes are served through {@link #open}).
     */
    default Optional<URI> presignedGet(String storageKey, Duration validFor) {
        return Optional.empty();
    }

    boolean isHealthy();

    /** What this store is, for the topology view (never secrets). */
    java.util.Map<String, Object> describe();

    @Override
    void close();
}
