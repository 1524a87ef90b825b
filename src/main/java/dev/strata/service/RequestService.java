package dev.strata.service;

import dev.strata.domain.NotFoundException;
import dev.strata.domain.QueuedWriteFailedException;
import dev.strata.domain.RequestState;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteOutcome;
import dev.strata.port.RecordStore;
import java.time.Duration;
import java.util.List;

/**
 * The ACK service: where a queued write is, read from its status record on the user's shard, so any api replica
 * answers for any request. Long polls re-read the record at a short interval until it changes or the wait ends.
 */
public final class RequestService {
    /** The longest a client may hold a request open for a status change. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final int CHANGES_PER_READ = 100;

    private final RecordStore store;
    private final Duration pollInterval;

    public RequestService(RecordStore store, Duration pollInterval) {
        this.store = store;
        this.pollInterval = pollInterval;
    }

    /** The status, once it is no longer queued or {@code wait} has passed; only the user's own requests exist. */
    public RequestStatus await(UserId user, String requestId, Duration wait) {
        long deadline = System.nanoTime() + Math.min(wait.toNanos(), MAX_WAIT.toNanos());
        while (true) {
            RequestStatus status = store.read(user, tx -> tx.findRequest(requestId))
                    .orElseThrow(() -> new NotFoundException("no request '" + requestId + "'"));
            long left = deadline - System.nanoTime();
            if (status.state() != RequestState.QUEUED || left <= 0) {
                return status;
            }
            sleep(Math.min(left, pollInterval.toNanos()));
        }
    }

    /**
     * An applied outcome as it is; a queued one waited for up to {@code wait}, then answered like the synchronous path
     * when it has been persisted, or as the refusal it ended in. Still queued, or no wait asked for: returned as it is,
     * so without a wait a queued write is always answered as queued, however fast the worker was.
     *
     * @throws QueuedWriteFailedException the write was refused when applied
     */
    public <R> WriteOutcome<R> settle(UserId user, WriteOutcome<R> outcome, Duration wait, Class<R> resultType) {
        if (!(outcome instanceof WriteOutcome.Queued<R> queued) || wait.isZero()) {
            return outcome;
        }
        RequestStatus status = await(user, queued.requestId(), wait);
        return switch (status.state()) {
            case QUEUED -> outcome;
            case PERSISTED -> new WriteOutcome.Applied<>(result(status, resultType));
            case FAILED -> throw new QueuedWriteFailedException(status.failureReason(), status.failureDetail());
        };
    }

    /** The result a persisted request stored, in the form the synchronous path returns. */
    public <R> R result(RequestStatus status, Class<R> resultType) {
        return WriteResults.decode(status.resultJson(), resultType);
    }

    /** The user's status records changed after {@code afterMicros}, oldest first. */
    public List<RequestStatus> changesAfter(UserId user, long afterMicros) {
        return store.read(user, tx -> tx.requestsChangedAfter(afterMicros, CHANGES_PER_READ));
    }

    private static void sleep(long nanos) {
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a request status", e);
        }
    }
}
