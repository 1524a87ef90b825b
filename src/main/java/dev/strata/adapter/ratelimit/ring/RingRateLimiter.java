package dev.strata.adapter.ratelimit.ring;

import dev.strata.domain.UserId;
import dev.strata.domain.sharding.BucketRing;
import dev.strata.port.RateLimiter;
import java.time.Duration;
import java.util.Optional;

/** A rate limiter partitioned by user: each user's permits are counted by the one limiter their bucket picks. */
public final class RingRateLimiter implements RateLimiter {
    private final BucketRing<RateLimiter> ring;

    public RingRateLimiter(BucketRing<RateLimiter> ring) {
        this.ring = ring;
    }

    @Override
    public Optional<Duration> tryAcquire(UserId user) {
        return ring.nodeOf(user.value()).tryAcquire(user);
    }

    @Override
    public void close() {
        ring.nodes().forEach(RateLimiter::close);
    }
}
