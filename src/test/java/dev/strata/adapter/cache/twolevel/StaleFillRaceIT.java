package dev.strata.adapter.cache.twolevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.adapter.cache.redis.Invalidations;
import dev.strata.adapter.cache.redis.RedisSharedCache;
import dev.strata.adapter.cache.redis.SharedLookup;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import dev.strata.testing.servers.RedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import dev.strata.adapter.redis.RedisEndpoint;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fill guard of the two-level cache, on a real Redis, with a loader this test interleaves with a write: a
 * reader that loaded a value before the write committed must leave neither Redis nor any near-cache holding it
 * once the write's invalidation returned.
 */
class StaleFillRaceIT {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);
    private static final long LATCH_SECONDS = 10;

    private final RedisServer redis = RedisServer.shared();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final AtomicReference<StoredRecord> database = new AtomicReference<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void fill_withATokenReadBeforeAnInvalidation_isRefused() {
        UserId user = new UserId("fill-guard");
        RecordKey key = new RecordKey("k");
        RedisSharedCache shared = sharedCache();
        SharedLookup beforeWrite = shared.get(user, key);

        shared.invalidate(user, key);

        assertThat(shared.fill(record(user, key, "old", 1), beforeWrite.fillToken())).isFalse();
        assertThat(shared.get(user, key).record()).isEmpty();
        assertThat(shared.fill(record(user, key, "new", 2), shared.get(user, key).fillToken())).isTrue();
        assertThat(shared.get(user, key).record()).map(StoredRecord::value).contains("new");
    }

    @Test
    void fill_withATokenReadBeforeAUserInvalidation_isRefused() {
        UserId user = new UserId("fill-guard-user");
        RecordKey key = new RecordKey("k");
        RedisSharedCache shared = sharedCache();
        SharedLookup beforeErase = shared.get(user, key);

        shared.invalidateUser(user);

        assertThat(shared.fill(record(user, key, "old", 1), beforeErase.fillToken())).isFalse();
        assertThat(shared.get(user, key).record()).isEmpty();
    }

    @Test
    void readerLoadingBeforeAWriteOnAnotherProcess_leavesNoStaleValueInRedisOrInItsNearCache() throws Exception {
        UserId user = new UserId("race");
        RecordKey key = new RecordKey("profile");
        database.set(record(user, key, "old", 1));
        TwoLevelRecordCache readerProcess = twoLevelCache();
        TwoLevelRecordCache writerProcess = twoLevelCache();
        CountDownLatch readerLoadedOld = new CountDownLatch(1);
        CountDownLatch writeInvalidated = new CountDownLatch(1);

        CompletableFuture<Optional<StoredRecord>> staleRead = CompletableFuture.supplyAsync(
                () -> readerProcess.get(user, key, () -> {
                    Optional<StoredRecord> loaded = Optional.of(database.get());
                    readerLoadedOld.countDown();
                    awaitLatch(writeInvalidated);
                    return loaded;
                }));
        assertThat(readerLoadedOld.await(LATCH_SECONDS, TimeUnit.SECONDS)).isTrue();
        database.set(record(user, key, "new", 2));
        writerProcess.invalidate(user, key);
        writeInvalidated.countDown();

        assertThat(staleRead.get(LATCH_SECONDS, TimeUnit.SECONDS)).map(StoredRecord::value).contains("old");
        // the reader process hears the invalidation through Redis pub/sub a moment after the writer returned
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(readerProcess.get(user, key, this::load)).map(StoredRecord::value).contains("new"));
        AtomicInteger loads = new AtomicInteger();
        TwoLevelRecordCache thirdProcess = twoLevelCache();
        assertThat(thirdProcess.get(user, key, countingLoads(loads))).map(StoredRecord::value).contains("new");
        assertThat(writerProcess.get(user, key, this::load)).map(StoredRecord::value).contains("new");
        assertThat(loads).as("the third process found the new value in Redis, filled by the reader's second get")
                .hasValue(0);
    }

    @Test
    void readerLoadingBeforeAWriteOnItsOwnProcess_isDroppedOnceTheLoadReturns() throws Exception {
        UserId user = new UserId("race-local");
        RecordKey key = new RecordKey("profile");
        database.set(record(user, key, "old", 1));
        TwoLevelRecordCache process = twoLevelCache();
        CountDownLatch readerLoadedOld = new CountDownLatch(1);
        CountDownLatch writerCommitted = new CountDownLatch(1);

        CompletableFuture<Optional<StoredRecord>> staleRead = CompletableFuture.supplyAsync(
                () -> process.get(user, key, () -> {
                    Optional<StoredRecord> loaded = Optional.of(database.get());
                    readerLoadedOld.countDown();
                    awaitLatch(writerCommitted);
                    return loaded;
                }));
        assertThat(readerLoadedOld.await(LATCH_SECONDS, TimeUnit.SECONDS)).isTrue();
        database.set(record(user, key, "new", 2));
        // the invalidation waits for the load in flight on the same key, so it runs after the load's fill
        CompletableFuture<Void> invalidation = CompletableFuture.runAsync(() -> process.invalidate(user, key));
        writerCommitted.countDown();
        invalidation.get(LATCH_SECONDS, TimeUnit.SECONDS);

        assertThat(staleRead.get(LATCH_SECONDS, TimeUnit.SECONDS)).map(StoredRecord::value).contains("old");
        assertThat(process.get(user, key, this::load)).map(StoredRecord::value).contains("new");
        AtomicInteger loads = new AtomicInteger();
        assertThat(twoLevelCache().get(user, key, countingLoads(loads))).map(StoredRecord::value).contains("new");
        assertThat(loads).hasValue(0);
    }

    private Optional<StoredRecord> load() {
        return Optional.of(database.get());
    }

    private Supplier<Optional<StoredRecord>> countingLoads(AtomicInteger loads) {
        return () -> {
            loads.incrementAndGet();
            return load();
        };
    }

    private TwoLevelRecordCache twoLevelCache() {
        RedisEndpoint endpoint = redisEndpoint();
        TwoLevelRecordCache cache = new TwoLevelRecordCache(1 << 20, TTL,
                listener -> new RedisSharedCache(endpoint, TTL, listener), CircuitBreaker.ofDefaults("stale-fill-race"),
                new SimpleMeterRegistry(), Tags.empty());
        opened.add(cache);
        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(cache.describe().get("nearUsable")));
        return cache;
    }

    /** The shared level alone, deaf to the invalidation channel. */
    private RedisSharedCache sharedCache() {
        RedisSharedCache shared = new RedisSharedCache(redisEndpoint(), TTL, new Invalidations() {
            @Override
            public void record(UserId user, RecordKey key) {
            }

            @Override
            public void user(UserId user) {
            }

            @Override
            public void lost() {
            }

            @Override
            public void subscribed() {
            }
        });
        opened.add(shared);
        return shared;
    }

    private RedisEndpoint redisEndpoint() {
        RedisURI uri = RedisURI.create(redis.url());
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        opened.add(client::shutdown);
        RedisEndpoint endpoint = RedisEndpoint.node(client, redis.url());
        opened.add(endpoint);
        return endpoint;
    }

    private static StoredRecord record(UserId user, RecordKey key, String value, long version) {
        return new StoredRecord(user, key, value, version, 1, version);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(LATCH_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the writer did not invalidate within " + LATCH_SECONDS + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
