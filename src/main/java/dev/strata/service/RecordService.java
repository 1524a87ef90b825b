package dev.strata.service;

import dev.strata.domain.NotFoundException;
import dev.strata.domain.Page;
import dev.strata.domain.QueuedWrite;
import dev.strata.domain.Quotas;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.Usage;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteCondition;
import dev.strata.domain.WriteOutcome;
import dev.strata.domain.WriteRequest;
import dev.strata.port.RecordCache;
import dev.strata.port.RecordStore;
import dev.strata.port.UserData;
import dev.strata.port.WriteQueue;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Records: JSON values under keys, versioned, with preconditions, quotas, idempotency and a read cache. Writes go
 * through the tier's {@link WriteQueue}: applied in the request, or queued and applied by a worker through the same
 * transactional step.
 */
public final class RecordService {
    private final RecordStore store;
    private final RecordCache cache;
    private final IdempotencyGuard idempotency;
    private final JsonValueRules valueRules;
    private final Quotas quotas;
    private final WriteQueue queue;
    private final Clock clock;

    public RecordService(RecordStore store, RecordCache cache, IdempotencyGuard idempotency, JsonValueRules valueRules,
                         Quotas quotas, WriteQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.cache = cache;
        this.idempotency = idempotency;
        this.valueRules = valueRules;
        this.quotas = quotas;
        this.clock = clock;
    }

    public StoredRecord get(UserId user, RecordKey key) {
        return cache.get(user, key, () -> store.readLatest(user, tx -> tx.findRecord(key)))
                .orElseThrow(() -> new NotFoundException("no record '" + key + "'"));
    }

    /** Validates the value, then applies the PUT now or queues it, as the tier's write queue does. */
    public WriteOutcome<RecordWrite> put(UserId user, RecordKey key, byte[] body, WriteCondition condition,
                                         String idempotencyKey) {
        String value = valueRules.check(body);
        WriteRequest request = IdempotencyGuard.request(user, idempotencyKey,
                Fingerprint.of("record.put", key, condition, value));
        return queue.submit(request, () -> QueuedWrite.recordPut(request, key, value, condition),
                () -> putNow(user, key, value, condition, idempotencyKey, request.fingerprint()));
    }

    public WriteOutcome<Removal> delete(UserId user, RecordKey key, WriteCondition condition, String idempotencyKey) {
        WriteRequest request = IdempotencyGuard.request(user, idempotencyKey, Fingerprint.of("record.delete", key, condition));
        return queue.submit(request, () -> QueuedWrite.recordDelete(request, key, condition),
                () -> deleteNow(user, key, condition, idempotencyKey, request.fingerprint()));
    }

    /**
     * The transactional step of a PUT, shared by the request path and the worker. Every check (precondition, quota)
     * runs before the first write, so a refusal leaves the transaction untouched.
     */
    RecordWrite applyPut(UserData tx, UserId user, RecordKey key, String value, WriteCondition condition) {
        Optional<StoredRecord> current = tx.findRecord(key);
        condition.check(current.map(StoredRecord::etag).orElse(null));
        long now = EpochMicros.now(clock);
        StoredRecord next = current
                .map(old -> new StoredRecord(user, key, value, old.version() + 1, old.createdAtMicros(),
                        Math.max(now, old.updatedAtMicros())))
                .orElseGet(() -> new StoredRecord(user, key, value, 1, now, now));
        Usage usage = tx.usage();
        Usage after = current
                .map(old -> usage.plusRecord(0, next.valueBytes() - old.valueBytes()))
                .orElseGet(() -> usage.plusRecord(1, next.valueBytes()));
        quotas.check(after);
        if (current.isPresent()) {
            tx.updateRecord(next);
        } else {
            tx.insertRecord(next);
        }
        tx.saveUsage(after);
        return new RecordWrite(next, current.isEmpty());
    }

    /** The transactional step of a DELETE, shared like {@link #applyPut}. */
    Removal applyDelete(UserData tx, RecordKey key, WriteCondition condition) {
        StoredRecord current = tx.findRecord(key).orElseThrow(() -> new NotFoundException("no record '" + key + "'"));
        condition.check(current.etag());
        tx.deleteRecord(key);
        tx.saveUsage(tx.usage().plusRecord(-1, -current.valueBytes()));
        return new Removal(key.value());
    }

    /** After a write committed: no reader may see the old value from the cache. */
    void afterCommit(UserId user, RecordKey key) {
        cache.invalidate(user, key);
    }

    private RecordWrite putNow(UserId user, RecordKey key, String value, WriteCondition condition, String idempotencyKey,
                               String fingerprint) {
        IdempotencyClaim<RecordWrite> claim = idempotency.claim(user, idempotencyKey, fingerprint, RecordWrite.class);
        Optional<RecordWrite> replay = claim.replay();
        if (replay.isPresent()) {
            return replay.get();
        }
        RecordWrite result = claim.run(() -> store.write(user, tx -> {
            RecordWrite write = applyPut(tx, user, key, value, condition);
            claim.complete(tx, write);
            return write;
        }));
        afterCommit(user, key);
        return result;
    }

    private Removal deleteNow(UserId user, RecordKey key, WriteCondition condition, String idempotencyKey,
                              String fingerprint) {
        IdempotencyClaim<Removal> claim = idempotency.claim(user, idempotencyKey, fingerprint, Removal.class);
        Optional<Removal> replay = claim.replay();
        if (replay.isPresent()) {
            return replay.get();
        }
        Removal result = claim.run(() -> store.write(user, tx -> {
            Removal removal = applyDelete(tx, key, condition);
            claim.complete(tx, removal);
            return removal;
        }));
        afterCommit(user, key);
        return result;
    }

    public Page<StoredRecord> list(UserId user, String prefix, String cursor, Integer limit) {
        int pageSize = ListCursor.limit(limit);
        String after = ListCursor.decode(cursor);
        List<StoredRecord> rows = store.read(user, tx -> tx.listRecords(prefix, after, pageSize + 1));
        return ListCursor.page(rows, pageSize, r -> r.key().value());
    }
}
