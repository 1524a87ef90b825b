package dev.strata.port;

import dev.strata.domain.QueuedWrite;
import dev.strata.domain.WriteOutcome;
import dev.strata.domain.WriteRequest;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where validated writes go: applied at once (sync tiers) or queued for a worker (queued tiers). Thread-safe.
 */
public interface WriteQueue extends AutoCloseable {

    /**
     * Applies or queues one write. A queueing implementation calls only {@code prepare} (which may store blob bytes
     * first) and returns {@link WriteOutcome.Queued} once the queue durably holds the message (the 1st ACK); a repeat of
     * a request id it knows returns {@code Queued} again, queuing the message again only while the request is still
     * queued (its first attempt may have died before the queue took it), so it is idempotent per request id as long as
     * the consumer applies each request id once.
     * An applying implementation calls only {@code applyNow} and returns {@link WriteOutcome.Applied}.
     *
     * @throws StorageUnavailableException                     the queue did not take the message in time
     * @throws dev.strata.domain.BacklogFullException          the user has too many writes queued
     * @throws dev.strata.domain.IdempotencyKeyReusedException the request id was used for a different request
     */
    <R> WriteOutcome<R> submit(WriteRequest request, Supplier<QueuedWrite> prepare, Supplier<R> applyNow);

    boolean isHealthy();

    /** What this queue is, for the topology view. */
    Map<String, Object> describe();

    @Override
    void close();
}
