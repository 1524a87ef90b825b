package dev.strata.service;

import dev.strata.port.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Keeps the queued tier's request statuses from growing forever. A finished status (persisted or failed) is deleted
 * once unchanged for the retention: it is what a replay of the write's {@code Idempotency-Key} is answered from, so
 * the retention is the key's TTL. A status still queued after the expiry is failed as expired: its message is taken to
 * have never reached Kafka (the api process died before Kafka's ack, and the client never retried), so it stops
 * counting against the user's backlog and its client learns the write did not happen. The marks of applied request
 * ids are deleted after twice the expiry: by then the worker skips any redelivery of their messages by age alone, and
 * the second expiry's length absorbs the clocks of the hosts that send, apply and sweep disagreeing.
 */
public final class RequestStatusSweeper {
    private final RecordStore store;
    private final Clock clock;
    private final Duration retention;
    private final Duration queuedExpiry;
    private final String expiredDetail;

    public RequestStatusSweeper(RecordStore store, Clock clock, Duration retention, Duration queuedExpiry) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.queuedExpiry = queuedExpiry;
        this.expiredDetail = "expired: the write never reached the queue (still queued after "
                + Duration.ofSeconds(queuedExpiry.toSeconds()).toString().substring(2).toLowerCase(Locale.ROOT)
                + "); nothing was changed, send it again under a new Idempotency-Key";
    }

    /** Deletes finished statuses older than the retention; returns how many. */
    public int purgeFinished() {
        return store.deleteFinishedRequests(EpochMicros.now(clock) - micros(retention));
    }

    /** Deletes the applied marks of request ids applied more than twice the expiry ago; returns how many. */
    public int purgeApplied() {
        return store.deleteAppliedRequests(EpochMicros.now(clock) - 2 * micros(queuedExpiry));
    }

    /** Fails statuses queued for longer than the expiry; returns how many. */
    public int expireQueued() {
        long now = EpochMicros.now(clock);
        return store.expireQueuedRequests(now - micros(queuedExpiry), now, expiredDetail);
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1000;
    }
}
