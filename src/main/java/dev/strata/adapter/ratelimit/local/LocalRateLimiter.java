package dev.strata.adapter.ratelimit.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.domain.UserId;
import dev.strata.port.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** A token bucket per user, held in this process (right for one process; replicas need a shared limiter). */
public final class LocalRateLimiter implements RateLimiter {
    private final Cache<UserId, TokenBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(1_000_000)
            .build();
    private final double permitsPerSecond;
    private final int burst;
    private final Clock clock;

    public LocalRateLimiter(double permitsPerSecond, int burst, Clock clock) {
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> tryAcquire(UserId user) {
        TokenBucket bucket = buckets.get(user, u -> new TokenBucket(burst, clock.millis()));
        return bucket.take(clock.millis(), permitsPerSecond, burst);
    }

    private static final class TokenBucket {
        private double tokens;
        private long lastRefillMillis;

        TokenBucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastRefillMillis = now;
        }

        synchronized Optional<Duration> take(long now, double perSecond, int capacity) {
            tokens = Math.min(capacity, tokens + (now - lastRefillMillis) * perSecond / 1000.0);
            lastRefillMillis = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            long waitMillis = (long) Math.ceil((1 - tokens) * 1000.0 / perSecond);
            return Optional.of(Duration.ofMillis(Math.max(1, waitMillis)));
        }
    }
}
