package dev.strata.service;

import dev.strata.domain.BlobMetadata;
import dev.strata.domain.BlobName;
import dev.strata.domain.FailureReason;
import dev.strata.domain.InvalidInputException;
import dev.strata.domain.NotFoundException;
import dev.strata.domain.PreconditionFailedException;
import dev.strata.domain.QueuedWrite;
import dev.strata.domain.QuotaExceededException;
import dev.strata.domain.RecordKey;
import dev.strata.domain.RequestState;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.StrataException;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteOperation;
import dev.strata.port.RecordStore;
import dev.strata.port.UserData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's side of queued writes: applies each message through the same transactional step as the synchronous
 * path, exactly once in effect. The request id is recorded as applied, and its status set, in the same transaction as
 * the write, so a redelivered message changes nothing. A write the data refuses (precondition, quota, missing target)
 * is final: its status becomes failed with the reason, and nothing else changes. A message whose request expired before
 * it arrived is skipped: the client was told the write failed, so it must not happen.
 */
public final class QueuedWriteApplier {
    private static final String NO_FINGERPRINT = "0".repeat(64);

    private final RecordStore store;
    private final RecordService records;
    private final BlobService blobs;
    private final Clock clock;

    public QueuedWriteApplier(RecordStore store, RecordService records, BlobService blobs, Clock clock) {
        this.store = store;
        this.records = records;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** What {@link #apply} did with a message. */
    public enum Outcome {
        /** The write was applied, or refused by the data; its status says which. */
        APPLIED,
        /** The request id was applied before (a redelivered message): nothing changed. */
        REDELIVERED,
        /** The request had expired to failed before the message arrived: nothing changed. */
        EXPIRED
    }

    /**
     * Applies one message; idempotent per request id.
     *
     * @throws dev.strata.port.StorageUnavailableException the user's shard is unreachable; apply again later
     */
    public Outcome apply(QueuedWrite write) {
        return applyAll(write.user(), List.of(write)).get(0);
    }

    /**
     * Applies one user's messages in their order, in one transaction: one commit for the lot, where one each would
     * bound a single worker by the database's commit latency. Each message has the outcome {@link #apply} gives it;
     * a write the data refuses fails only its own request. Any other failure rolls back all of them: apply them one
     * by one then, to find the message at fault.
     *
     * @throws dev.strata.port.StorageUnavailableException the user's shard is unreachable; apply again later
     */
    public List<Outcome> applyAll(UserId user, List<QueuedWrite> writes) {
        List<Handled> handled = store.write(user, tx -> {
            long now = EpochMicros.now(clock);
            List<Handled> each = new ArrayList<>(writes.size());
            for (QueuedWrite write : writes) {
                each.add(applyOne(tx, user, write, now));
            }
            return each;
        });
        handled.forEach(h -> h.afterCommit().run());
        return handled.stream().map(Handled::outcome).toList();
    }

    private Handled applyOne(UserData tx, UserId user, QueuedWrite write, long now) {
        if (!tx.markApplied(write.requestId(), now)) {
            return new Handled(Outcome.REDELIVERED, () -> { });
        }
        // locked, so an expiry cannot fail the request while its write is applied here
        RequestStatus status = tx.lockRequest(write.requestId()).orElseGet(() -> RequestStatus.queued(write, now));
        if (status.state() != RequestState.QUEUED) {
            // a request that was never applied is settled only by expiry
            return new Handled(Outcome.EXPIRED, discardUpload(write));
        }
        try {
            Applied applied = applyInTransaction(tx, user, write);
            tx.saveRequest(status.persisted(WriteResults.encode(applied.result()), now));
            return new Handled(Outcome.APPLIED, applied.afterCommit());
        } catch (PreconditionFailedException | NotFoundException | QuotaExceededException | InvalidInputException e) {
            tx.saveRequest(status.failed(reasonOf(e), e.getMessage(), now));
            return new Handled(Outcome.APPLIED, discardUpload(write));
        }
    }

    /** A message that cannot be applied at all (unreadable, or failing every attempt): its request becomes failed. */
    public void markUndeliverable(UserId user, String requestId, WriteOperation operation, String detail) {
        store.write(user, tx -> {
            long now = EpochMicros.now(clock);
            tx.markApplied(requestId, now);
            RequestStatus current = tx.lockRequest(requestId).orElseGet(() -> new RequestStatus(requestId, operation,
                    NO_FINGERPRINT, RequestState.QUEUED, null, null, null, now, now));
            if (current.state() == RequestState.QUEUED) {
                tx.saveRequest(current.failed(FailureReason.UNDELIVERABLE, detail, now));
            }
            return null;
        });
    }

    private Applied applyInTransaction(UserData tx, UserId user, QueuedWrite write) {
        return switch (write.operation()) {
            case RECORD_PUT -> {
                RecordKey key = new RecordKey(write.target());
                yield new Applied(records.applyPut(tx, user, key, write.value(), write.condition()),
                        () -> records.afterCommit(user, key));
            }
            case RECORD_DELETE -> {
                RecordKey key = new RecordKey(write.target());
                yield new Applied(records.applyDelete(tx, key, write.condition()), () -> records.afterCommit(user, key));
            }
            case BLOB_PUT -> {
                BlobService.Committed committed = blobs.applyPut(tx, user, new BlobName(write.target()),
                        write.contentType(), write.storageKey(), write.size(), write.sha256(), write.condition());
                yield new Applied(committed.write(), () -> blobs.afterCommit(committed));
            }
            case BLOB_DELETE -> {
                BlobMetadata removed = blobs.applyDelete(tx, new BlobName(write.target()), write.condition());
                yield new Applied(new Removal(write.target()), () -> blobs.discard(removed.storageKey()));
            }
        };
    }

    /** The uploaded bytes of a blob write that will never be applied: nothing else points to them. */
    private Runnable discardUpload(QueuedWrite write) {
        return write.operation() == WriteOperation.BLOB_PUT ? () -> blobs.discard(write.storageKey()) : () -> { };
    }

    private static FailureReason reasonOf(StrataException e) {
        if (e instanceof PreconditionFailedException) {
            return FailureReason.PRECONDITION_FAILED;
        }
        if (e instanceof NotFoundException) {
            return FailureReason.NOT_FOUND;
        }
        if (e instanceof QuotaExceededException) {
            return FailureReason.QUOTA_EXCEEDED;
        }
        return FailureReason.INVALID_INPUT;
    }

    private record Applied(Object result, Runnable afterCommit) {
    }

    private record Handled(Outcome outcome, Runnable afterCommit) {
    }
}
