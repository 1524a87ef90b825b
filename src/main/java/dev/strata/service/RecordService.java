package dev.strata.service;

import dev.strata.domain.NotFoundException;
import dev.strata.domain.Page;
import dev.strata.domain.Quotas;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.Usage;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteCondition;
import dev.strata.port.RecordCache;
import dev.strata.port.RecordStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Records: JSON values under keys, versioned, with preconditions, quotas, idempotency and a read cache. */
public final class RecordService {
    private final RecordStore store;
    private final RecordCache cache;
    private final IdempotencyGuard idempotency;
    private final JsonValueRules valueRules;
    private final Quotas quotas;
    private final Clock clock;

    public RecordService(RecordStore store, RecordCache cache, IdempotencyGuard idempotency, JsonValueRules valueRules,
                         Quotas quotas, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.idempotency = idempotency;
        this.valueRules = valueRules;
        this.quotas = quotas;
        this.clock = clock;
    }

    public StoredRecord get(UserId user, RecordKey key) {
        return cache.get(user, key, () -> store.read(user, tx -> tx.findRecord(key)))
                .orElseThrow(() -> new NotFoundException("no record '" + key + "'"));
    }

    public RecordWrite put(UserId user, RecordKey key, byte[] body, WriteCondition condition, String idempotencyKey) {
        String value = valueRules.check(body);
        IdempotencyClaim<RecordWrite> claim = idempotency.claim(user, idempotencyKey,
                Fingerprint.of("record.put", key, condition, value), RecordWrite.class);
        Optional<RecordWrite> replay = claim.replay();
        if (replay.isPresent()) {
            return replay.get();
        }
        RecordWrite result = claim.run(() -> store.write(user, tx -> {
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
            RecordWrite write = new RecordWrite(next, current.isEmpty());
            claim.complete(tx, write);
            return write;
        }));
        cache.invalidate(user, key);
        return result;
    }

    public Removal delete(UserId user, RecordKey key, WriteCondition condition, String idempotencyKey) {
        IdempotencyClaim<Removal> claim = idempotency.claim(user, idempotencyKey,
                Fingerprint.of("record.delete", key, condition), Removal.class);
        Optional<Removal> replay = claim.replay();
        if (replay.isPresent()) {
            return replay.get();
        }
        Removal result = claim.run(() -> store.write(user, tx -> {
            StoredRecord current = tx.findRecord(key).orElseThrow(() -> new NotFoundException("no record '" + key + "'"));
            condition.check(current.etag());
            tx.deleteRecord(key);
            tx.saveUsage(tx.usage().plusRecord(-1, -current.valueBytes()));
            Removal removal = new Removal(key.value());
            claim.complete(tx, removal);
            return removal;
        }));
        cache.invalidate(user, key);
        return result;
    }

    public Page<StoredRecord> list(UserId user, String prefix, String cursor, Integer limit) {
        int pageSize = ListCursor.limit(limit);
        String after = ListCursor.decode(cursor);
        List<StoredRecord> rows = store.read(user, tx -> tx.listRecords(prefix, after, pageSize + 1));
        return ListCursor.page(rows, pageSize, r -> r.key().value());
    }
}
