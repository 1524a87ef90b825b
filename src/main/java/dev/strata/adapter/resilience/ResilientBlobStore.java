package dev.strata.adapter.resilience;

import dev.strata.port.BlobStore;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A blob store behind a circuit breaker; reads and deletes (idempotent) are retried, writes are not (their
 * stream is consumed). The readiness check goes straight to the store, so it shows when the store is back.
 */
public final class ResilientBlobStore implements BlobStore {
    private final BlobStore delegate;
    private final DependencyGuard guard;

    public ResilientBlobStore(BlobStore delegate, DependencyGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public void write(String storageKey, InputStream content) {
        guard.run(() -> delegate.write(storageKey, content));
    }

    @Override
    public InputStream open(String storageKey, long offset, long length) {
        return guard.idempotent(() -> delegate.open(storageKey, offset, length));
    }

    @Override
    public void delete(String storageKey) {
        guard.idempotent(() -> {
            delegate.delete(storageKey);
            return null;
        });
    }

    @Override
    public void forEachObjectOlderThan(Instant before, Consumer<String> visitor) {
        guard.run(() -> delegate.forEachObjectOlderThan(before, visitor));
    }

    /** Signing is local: no call to the store, so no breaker. */
    @Override
    public Optional<URI> presignedGet(String storageKey, Duration validFor) {
        return delegate.presignedGet(storageKey, validFor);
    }

    @Override
    public boolean isHealthy() {
        return delegate.isHealthy();
    }

    @Override
    public Map<String, Object> describe() {
        return guard.describe(delegate.describe());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
