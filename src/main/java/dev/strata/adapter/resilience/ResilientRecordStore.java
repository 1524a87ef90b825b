package dev.strata.adapter.resilience;

import dev.strata.domain.RequestStatus;
import dev.strata.domain.UserId;
import dev.strata.port.RecordStore;
import dev.strata.port.UserData;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A metadata store behind a circuit breaker; read-only transactions and idempotent inserts are retried, writes are not (a write whose
 * commit answer was lost may have taken effect; the client's {@code Idempotency-Key} makes its retry safe). The
 * readiness check goes straight to the store, so it shows when the store is back.
 */
public final class ResilientRecordStore implements RecordStore {
    private final RecordStore delegate;
    private final DependencyGuard guard;

    public ResilientRecordStore(RecordStore delegate, DependencyGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public <T> T read(UserId user, Function<UserData, T> work) {
        return guard.idempotent(() -> delegate.read(user, work));
    }

    @Override
    public <T> T write(UserId user, Function<UserData, T> work) {
        return guard.once(() -> delegate.write(user, work));
    }

    @Override
    public void insertRequestStatus(UserId user, RequestStatus status) {
        guard.idempotent(() -> {
            delegate.insertRequestStatus(user, status);
            return null;
        });
    }

    @Override
    public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
        return guard.idempotent(() -> delegate.referencedStorageKeys(storageKeys));
    }

    @Override
    public int deleteExpiredIdempotencyKeys(long nowMicros) {
        return guard.once(() -> delegate.deleteExpiredIdempotencyKeys(nowMicros));
    }

    @Override
    public int deleteFinishedRequests(long finishedBeforeMicros) {
        return guard.once(() -> delegate.deleteFinishedRequests(finishedBeforeMicros));
    }

    @Override
    public int deleteAppliedRequests(long appliedBeforeMicros) {
        return guard.once(() -> delegate.deleteAppliedRequests(appliedBeforeMicros));
    }

    @Override
    public int expireQueuedRequests(long queuedBeforeMicros, long nowMicros, String detail) {
        return guard.once(() -> delegate.expireQueuedRequests(queuedBeforeMicros, nowMicros, detail));
    }

    @Override
    public List<UserId> listUsers(String afterUserId, int limit) {
        return guard.idempotent(() -> delegate.listUsers(afterUserId, limit));
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
