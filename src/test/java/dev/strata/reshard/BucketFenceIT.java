package dev.strata.reshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.adapter.store.sharded.BucketFence;
import dev.strata.adapter.store.sharded.ShardedRecordStore;
import dev.strata.adapter.store.sharded.ShardedSettings;
import dev.strata.domain.UserId;
import dev.strata.domain.Usage;
import dev.strata.domain.sharding.BucketHasher;
import dev.strata.port.StorageUnavailableException;
import dev.strata.testing.servers.PostgresServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-bucket fence on a real PostgreSQL shard, seen through the sharded store's writes. */
class BucketFenceIT {
    private static final UserId USER = new UserId("fence-user");
    private static final int BUCKET = new BucketHasher(64).bucketOf(USER.value());

    private static PostgresServers servers;
    private static ShardedRecordStore store;
    private static Jdbi shard;

    @BeforeAll
    static void start() {
        servers = PostgresServers.start(1);
        var server = servers.get(0);
        store = ShardedRecordStore.open(new ShardedSettings(List.of(server.jdbcUrl()), server.user(), server.password(), 64, 4,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(300)), new SimpleMeterRegistry(), Clock.systemUTC());
        shard = Jdbi.create(server.jdbcUrl(), server.user(), server.password());
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        servers.close();
    }

    @Test
    void freeze_waitsForTheWriteInFlight_thenWritesWaitAnd503_untilTheLeaseExpires() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Void> slowWrite = CompletableFuture.runAsync(() -> store.write(USER, tx -> {
            inside.countDown();
            sleep(800);
            tx.saveUsage(new Usage(1, 1, 0, 0));
            return null;
        }));
        inside.await();
        long started = System.nanoTime();
        shard.useHandle(h -> BucketFence.freeze(h, BUCKET, Duration.ofSeconds(2), Duration.ofSeconds(5)));
        Duration freezeTook = Duration.ofNanos(System.nanoTime() - started);

        // it succeeds, so it committed before the freeze took hold (a write after it would be refused); its future
        // may complete a moment after the commit released the lock
        slowWrite.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(freezeTook).isGreaterThan(Duration.ofMillis(500));
        Usage usage = store.read(USER, tx -> tx.usage());
        assertThat(usage.records()).isEqualTo(1);

        long refused = System.nanoTime();
        assertThatThrownBy(() -> store.write(USER, tx -> null)).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("being moved");
        assertThat(Duration.ofNanos(System.nanoTime() - refused)).as("a writer waits briefly, then gives up")
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(1));

        sleep(2000);
        store.write(USER, tx -> null);
        BucketFence.State state = shard.withHandle(h -> BucketFence.state(h, BUCKET));
        assertThat(state).as("an expired freeze is open").isEqualTo(BucketFence.State.OPEN);
    }

    @Test
    void sealedBucket_refusesTheFreezeAfterExpiry_andAMovedBucketStillAnswersReadsButNotWrites() {
        shard.useHandle(h -> BucketFence.freeze(h, BUCKET, Duration.ofMillis(1), Duration.ofSeconds(5)));
        sleep(50);
        boolean sealedAfterExpiry = shard.withHandle(h -> BucketFence.seal(h, BUCKET, Duration.ofSeconds(5)));
        assertThat(sealedAfterExpiry).as("an expired freeze may have let writes through, so it cannot be sealed").isFalse();

        shard.useHandle(h -> BucketFence.freeze(h, BUCKET, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        boolean sealed = shard.withHandle(h -> BucketFence.seal(h, BUCKET, Duration.ofSeconds(5)));
        assertThat(sealed).isTrue();
        Usage whileSealed = store.read(USER, tx -> tx.usage());
        assertThat(whileSealed).as("until the directory switches, the sealed copy answers reads").isNotNull();
        assertThatThrownBy(() -> store.write(USER, tx -> null)).as("but it takes no writes")
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("has moved");

        shard.useHandle(h -> BucketFence.open(h, BUCKET));
        Usage usage = store.read(USER, tx -> tx.usage());
        assertThat(usage).isNotNull();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
