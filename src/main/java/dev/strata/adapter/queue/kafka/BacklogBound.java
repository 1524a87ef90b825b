package dev.strata.adapter.queue.kafka;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.domain.BacklogFullException;
import dev.strata.domain.UserId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bound on each user's queued, unapplied writes, without a count on the shard for every write: the backlog as
 * last counted plus what this process queued since, recounted once the count is {@code recountAfter} old. Applied
 * writes only lower the real backlog, so the estimate errs high; a write is refused only after a fresh count. What
 * other api replicas queue between two counts is not seen: the bound protects the workers from a runaway client, it is
 * not a quota.
 */
final class BacklogBound {
    private final long maxPerUser;
    private final Cache<UserId, AtomicLong> estimates;

    BacklogBound(long maxPerUser, Duration recountAfter) {
        this.maxPerUser = maxPerUser;
        this.estimates = Caffeine.newBuilder().expireAfterWrite(recountAfter).maximumSize(100_000).build();
    }

    /**
     * Takes one more write of the user into the backlog.
     *
     * @param countQueued counts the user's queued writes on the shard
     * @throws BacklogFullException the user already has the most writes queued
     */
    void admit(UserId user, LongSupplier countQueued) {
        AtomicLong estimate = estimates.get(user, u -> new AtomicLong(countQueued.getAsLong()));
        if (estimate.get() >= maxPerUser) {
            estimate = new AtomicLong(countQueued.getAsLong());
            estimates.put(user, estimate);
            if (estimate.get() >= maxPerUser) {
                throw new BacklogFullException("you have " + estimate.get() + " writes queued; retry when some are applied");
            }
        }
        estimate.incrementAndGet();
    }
}
