package dev.strata.adapter.cache.twolevel;

import com.github.benmanes.caffeine.cache.Cache;
import dev.strata.adapter.cache.RecordCachePolicy;
import dev.strata.adapter.cache.redis.FillToken;
import dev.strata.adapter.resilience.BreakerStates;
import dev.strata.adapter.cache.redis.Invalidations;
import dev.strata.adapter.cache.redis.RedisSharedCache;
import dev.strata.adapter.cache.redis.SharedLookup;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import dev.strata.port.RecordCache;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Caffeine near-cache in this process in front of the shared Redis level. Every invalidation bumps the
 * record's generation in Redis before {@link #invalidate} returns, and a near copy is served only after Redis
 * confirms it still holds the generations the copy was read under (one small MGET): so once a write is
 * acknowledged, no process serves an older version, however late its invalidation message arrives. The channel
 * still drops near copies early to free memory; while it is unsubscribed the near-cache is bypassed. Redis
 * failing or slow trips a circuit breaker: reads go to the loader (no near copy can be confirmed then),
 * invalidations are retried until Redis takes them, and no caller ever sees a Redis failure.
 */
public final class TwoLevelRecordCache implements RecordCache, Invalidations {
    private static final Logger log = LoggerFactory.getLogger(TwoLevelRecordCache.class);

    private final Cache<Key, NearEntry> near;
    private final long nearMaxBytes;
    private final Function<Invalidations, RedisSharedCache> sharedFactory;
    private final CircuitBreaker breaker;
    private final Set<Key> pendingInvalidations = ConcurrentHashMap.newKeySet();
    private final Set<UserId> pendingUserInvalidations = ConcurrentHashMap.newKeySet();
    private final Counter readFallbacks;
    private final Counter invalidationFailures;
    private final Counter nearFlushes;
    private volatile boolean nearUsable;
    private final ScheduledExecutorService retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "strata-cache-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile RedisSharedCache shared;

    /**
     * @param sharedFactory connects the shared level with this cache as its listener; called again after a
     *                      failed first connection, so the process starts while Redis is down
     * @param tags          added to every metric, telling apart several of these caches in one process
     */
    public TwoLevelRecordCache(long nearMaxBytes, Duration ttl, Function<Invalidations, RedisSharedCache> sharedFactory,
                               CircuitBreaker breaker, MeterRegistry registry, Tags tags) {
        this.nearMaxBytes = nearMaxBytes;
        this.sharedFactory = sharedFactory;
        this.breaker = breaker;
        this.near = RecordCachePolicy.boundedBy(nearMaxBytes)
                .weigher((Key k, NearEntry e) -> RecordCachePolicy.weight(k.user(), k.key(), e.record()))
                .expireAfterWrite(ttl)
                .build();
        this.readFallbacks = Counter.builder("strata.cache.redis.fallbacks").tags(tags).tag("operation", "read")
                .description("reads served from the database because Redis failed or the breaker was open").register(registry);
        this.invalidationFailures = Counter.builder("strata.cache.redis.fallbacks").tags(tags).tag("operation", "invalidate")
                .description("invalidations Redis did not take at once (retried)").register(registry);
        this.nearFlushes = Counter.builder("strata.cache.near.flushes").tags(tags)
                .description("near-cache emptied because the invalidation channel was lost").register(registry);
        Gauge.builder("strata.cache.redis.breaker.state", breaker, b -> BreakerStates.code(b.getState())).tags(tags)
                .description("0 closed, 1 open, 2 half-open, 3 other").register(registry);
        Gauge.builder("strata.cache.near.usable", this, c -> c.nearUsable ? 1 : 0).tags(tags).register(registry);
        connectShared();
        retryTimer.scheduleWithFixedDelay(this::retryPendingQuietly, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public Optional<StoredRecord> get(UserId user, RecordKey key, Supplier<Optional<StoredRecord>> loader) {
        Key k = new Key(user, key);
        if (nearUsable) {
            NearEntry copy = near.getIfPresent(k);
            if (copy != null) {
                Optional<FillToken> now = currentToken(user, key);
                if (now.isPresent() && now.get().equals(copy.token())) {
                    return Optional.of(copy.record());
                }
                near.asMap().remove(k, copy);
            }
        }
        Optional<NearEntry> fresh = fromShared(user, key, loader);
        fresh.filter(entry -> nearUsable && entry.token() != null).ifPresent(entry -> near.put(k, entry));
        return fresh.map(NearEntry::record);
    }

    @Override
    public void invalidate(UserId user, RecordKey key) {
        Key k = new Key(user, key);
        near.invalidate(k);
        if (!tryInvalidation(s -> s.invalidate(user, key))) {
            invalidationFailures.increment();
            pendingInvalidations.add(k);
        }
    }

    @Override
    public void invalidateUser(UserId user) {
        dropUser(user);
        if (!tryInvalidation(s -> s.invalidateUser(user))) {
            invalidationFailures.increment();
            pendingUserInvalidations.add(user);
        }
    }

    /** Retries invalidations Redis missed, and connects when the first attempt failed. */
    private void retryPending() {
        if (shared == null) {
            connectShared();
        }
        pendingUserInvalidations.removeIf(user -> tryInvalidation(s -> s.invalidateUser(user)));
        pendingInvalidations.removeIf(k -> tryInvalidation(s -> s.invalidate(k.user(), k.key())));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "two-level");
        d.put("nearMaxBytes", nearMaxBytes);
        d.put("nearEntries", near.estimatedSize());
        d.put("nearUsable", nearUsable);
        d.put("redisBreaker", breaker.getState().name().toLowerCase(java.util.Locale.ROOT));
        d.put("pendingInvalidations", pendingInvalidations.size() + pendingUserInvalidations.size());
        return d;
    }

    // --- the invalidation channel ---

    @Override
    public void record(UserId user, RecordKey key) {
        near.invalidate(new Key(user, key));
    }

    @Override
    public void user(UserId user) {
        dropUser(user);
    }

    @Override
    public void lost() {
        nearUsable = false;
        near.invalidateAll();
        nearFlushes.increment();
        log.warn("Redis invalidation channel lost; near-cache emptied and bypassed until it is back");
    }

    @Override
    public void subscribed() {
        near.invalidateAll();
        nearUsable = true;
    }

    @Override
    public void close() {
        retryTimer.shutdownNow();
        if (shared != null) {
            shared.close();
        }
    }

    /**
     * The record from Redis, else from the database (filling Redis), with the generations it was read under; a
     * record read while Redis failed carries no token and is never kept in the near-cache.
     */
    private Optional<NearEntry> fromShared(UserId user, RecordKey key, Supplier<Optional<StoredRecord>> loader) {
        RedisSharedCache level = shared;
        if (level == null) {
            readFallbacks.increment();
            return loader.get().map(record -> new NearEntry(record, null));
        }
        SharedLookup lookup;
        try {
            lookup = breaker.executeSupplier(() -> level.get(user, key));
        } catch (RuntimeException e) {
            readFallbacks.increment();
            return loader.get().map(record -> new NearEntry(record, null));
        }
        if (lookup.record().isPresent()) {
            return lookup.record().map(record -> new NearEntry(record, lookup.fillToken()));
        }
        Optional<StoredRecord> loaded = loader.get();
        loaded.ifPresent(record -> tryShared(s -> s.fill(record, lookup.fillToken())));
        return loaded.map(record -> new NearEntry(record, lookup.fillToken()));
    }

    /** The record's generations in Redis now; empty when Redis does not answer (then no copy can be trusted). */
    private Optional<FillToken> currentToken(UserId user, RecordKey key) {
        RedisSharedCache level = shared;
        if (level == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(breaker.executeSupplier(() -> level.currentToken(user, key)));
        } catch (RuntimeException e) {
            readFallbacks.increment();
            return Optional.empty();
        }
    }

    /** Runs one Redis call through the breaker; false when Redis failed or the breaker refused. */
    private boolean tryShared(java.util.function.Consumer<RedisSharedCache> call) {
        RedisSharedCache level = shared;
        if (level == null) {
            return false;
        }
        try {
            breaker.executeRunnable(() -> call.accept(level));
            return true;
        } catch (CallNotPermittedException e) {
            return false;
        } catch (RuntimeException e) {
            log.debug("Redis call failed: {}", e.toString());
            return false;
        }
    }

    private void retryPendingQuietly() {
        try {
            retryPending();
        } catch (RuntimeException e) {
            log.debug("retrying Redis invalidations failed", e);
        }
    }

    /**
     * Runs one invalidation past the breaker: other processes' near-caches hear of a write only through it, so
     * it is tried whenever Redis may answer, bounded by the command timeout; false when Redis failed.
     */
    private boolean tryInvalidation(java.util.function.Consumer<RedisSharedCache> call) {
        RedisSharedCache level = shared;
        if (level == null) {
            return false;
        }
        try {
            call.accept(level);
            return true;
        } catch (RuntimeException e) {
            log.debug("Redis invalidation failed; retrying it: {}", e.toString());
            return false;
        }
    }

    private synchronized void connectShared() {
        if (shared != null) {
            return;
        }
        try {
            shared = sharedFactory.apply(this);
        } catch (RuntimeException e) {
            log.warn("Redis is not reachable; reading from the database until it is: {}", e.getMessage());
        }
    }

    private void dropUser(UserId user) {
        near.asMap().keySet().removeIf(k -> k.user().equals(user));
    }

    private record Key(UserId user, RecordKey key) {
    }

    /** A near copy and the generations it was read under; it is served only while Redis still holds those. */
    private record NearEntry(StoredRecord record, FillToken token) {
    }
}
