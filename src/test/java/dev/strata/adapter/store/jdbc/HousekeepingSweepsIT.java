package dev.strata.adapter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.domain.FailureReason;
import dev.strata.domain.IdempotencyEntry;
import dev.strata.domain.RequestState;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteOperation;
import dev.strata.port.UserData;
import dev.strata.testing.Closer;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ObjIntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The housekeeping sweeps (request statuses, expired idempotency keys) on both databases the SQL is shared by: an H2
 * file and a real PostgreSQL server. Times are explicit microseconds, so "two days ago" needs no waiting.
 */
class HousekeepingSweepsIT {
    private static final long NOW = 1_900_000_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toNanos() / 1000;
    private static final UserId ALICE = new UserId("alice");
    /** Rows a sweep test writes: more than two of the store's sweep batches (1000), so the batching is exercised. */
    private static final int MORE_THAN_ONE_BATCH = 2_345;

    private static PostgresServer postgres;
    private static JdbcRecordStore h2;
    private static JdbcRecordStore pg;

    @BeforeAll
    static void open() {
        postgres = PostgresServer.start();
        h2 = JdbcRecordStore.open(settings(SqlDialect.h2FileUrl(TestServer.temporaryDataDir().resolve("strata")), "", ""),
                new SimpleMeterRegistry());
        pg = JdbcRecordStore.open(settings(postgres.jdbcUrl(), postgres.user(), postgres.password()), new SimpleMeterRegistry());
    }

    @AfterAll
    static void close() {
        Closer.closeAll(h2, pg, postgres);
    }

    private static JdbcSettings settings(String url, String user, String password) {
        return new JdbcSettings("sweeps-" + SqlDialect.of(url).name(), url, user, password, 4, Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    private static JdbcRecordStore store(SqlDialect dialect) {
        return switch (dialect) {
            case H2 -> h2;
            case POSTGRES -> pg;
        };
    }

    @BeforeEach
    void emptyStatuses() {
        for (JdbcRecordStore store : new JdbcRecordStore[] {h2, pg}) {
            store.write(ALICE, tx -> {
                tx.eraseAll();
                return null;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void finishedStatusesPastTheRetention_areDeleted_whileRecentAndQueuedOnesStay(SqlDialect dialect) {
        JdbcRecordStore store = store(dialect);
        insert(store, status("old-persisted", RequestState.PERSISTED, NOW - 2 * DAY));
        insert(store, status("old-failed", RequestState.FAILED, NOW - 2 * DAY));
        insert(store, status("recent-persisted", RequestState.PERSISTED, NOW - DAY / 2));
        insert(store, status("old-queued", RequestState.QUEUED, NOW - 2 * DAY));

        assertThat(store.deleteFinishedRequests(NOW - DAY)).isEqualTo(2);

        assertThat(find(store, "old-persisted")).isEmpty();
        assertThat(find(store, "old-failed")).isEmpty();
        assertThat(find(store, "recent-persisted")).isPresent();
        assertThat(find(store, "old-queued")).map(RequestStatus::state).contains(RequestState.QUEUED);
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void aSweepLargerThanOneBatch_deletesEverythingPastTheRetention(SqlDialect dialect) {
        JdbcRecordStore store = store(dialect);
        writeMoreThanOneBatch(store,
                (tx, i) -> tx.insertRequestIfAbsent(status("old-" + i, RequestState.PERSISTED, NOW - 2 * DAY)));

        assertThat(store.deleteFinishedRequests(NOW - DAY)).isEqualTo(MORE_THAN_ONE_BATCH);
        assertThat(store.deleteFinishedRequests(NOW - DAY)).isZero();
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void statusesQueuedPastTheExpiry_failAsExpired_andLeaveTheBacklog(SqlDialect dialect) {
        JdbcRecordStore store = store(dialect);
        insert(store, status("stuck-1", RequestState.QUEUED, NOW - 2 * DAY));
        insert(store, status("stuck-2", RequestState.QUEUED, NOW - 2 * DAY));
        insert(store, status("young", RequestState.QUEUED, NOW - DAY / 2));
        insert(store, status("old-persisted", RequestState.PERSISTED, NOW - 2 * DAY));
        assertThat(store.read(ALICE, UserData::queuedRequests)).isEqualTo(3);

        assertThat(store.expireQueuedRequests(NOW - DAY, NOW, "expired: test")).isEqualTo(2);

        RequestStatus expired = find(store, "stuck-1").orElseThrow();
        assertThat(expired.state()).isEqualTo(RequestState.FAILED);
        assertThat(expired.failureReason()).isEqualTo(FailureReason.EXPIRED);
        assertThat(expired.failureDetail()).isEqualTo("expired: test");
        assertThat(expired.updatedAtMicros()).isEqualTo(NOW);
        assertThat(find(store, "young")).map(RequestStatus::state).contains(RequestState.QUEUED);
        assertThat(find(store, "old-persisted")).map(RequestStatus::state).contains(RequestState.PERSISTED);
        assertThat(store.read(ALICE, UserData::queuedRequests)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void anExpiryThatMeetsAWorkerApplyingTheRequest_leavesTheWorkersOutcome(SqlDialect dialect) {
        JdbcRecordStore store = store(dialect);
        RequestStatus stuck = status("late", RequestState.QUEUED, NOW - 2 * DAY);
        insert(store, stuck);

        CompletableFuture<Integer> expiry = store.write(ALICE, tx -> {
            RequestStatus locked = tx.lockRequest("late").orElseThrow();
            CompletableFuture<Integer> concurrent = CompletableFuture.supplyAsync(
                    () -> store.expireQueuedRequests(NOW - DAY, NOW, "expired: test"));
            pause(Duration.ofMillis(300));
            assertThat(concurrent).as("the expiry waits for the worker's lock").isNotDone();
            tx.saveRequest(locked.persisted("{}", NOW));
            return concurrent;
        });

        assertThat(expiry.join()).isZero();
        assertThat(find(store, "late")).map(RequestStatus::state).contains(RequestState.PERSISTED);
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void expiredIdempotencyKeys_areDeletedInBatches_whileLiveOnesStay(SqlDialect dialect) {
        JdbcRecordStore store = store(dialect);
        writeMoreThanOneBatch(store, (tx, i) -> tx.saveIdempotencyKey(
                new IdempotencyEntry("expired-" + i, "0".repeat(64), true, "{}", NOW - DAY, NOW - 1)));
        store.write(ALICE, tx -> {
            tx.saveIdempotencyKey(new IdempotencyEntry("live", "0".repeat(64), true, "{}", NOW - DAY, NOW + DAY));
            return null;
        });

        assertThat(store.deleteExpiredIdempotencyKeys(NOW)).isEqualTo(MORE_THAN_ONE_BATCH);

        List<IdempotencyEntry> left = store.read(ALICE, tx -> tx.listIdempotencyKeys(null, 10));
        assertThat(left).extracting(IdempotencyEntry::key).containsExactly("live");
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void appliedMarksPastTheCutoff_areDeletedInBatches_whileRecentOnesStay(SqlDialect dialect) {
        JdbcRecordStore store = store(dialect);
        writeMoreThanOneBatch(store, (tx, i) -> tx.markApplied("old-" + i, NOW - 3 * DAY));
        store.write(ALICE, tx -> tx.markApplied("recent", NOW - DAY / 2));

        assertThat(store.deleteAppliedRequests(NOW - 2 * DAY)).isEqualTo(MORE_THAN_ONE_BATCH);

        boolean recentMarkedAgain = store.write(ALICE, tx -> tx.markApplied("recent", NOW));
        boolean oldMarkedAgain = store.write(ALICE, tx -> tx.markApplied("old-7", NOW));
        assertThat(recentMarkedAgain).as("its mark stayed").isFalse();
        assertThat(oldMarkedAgain).as("its mark is gone").isTrue();
    }

    /** Writes {@link #MORE_THAN_ONE_BATCH} rows of ALICE's in one transaction, {@code row} given each index. */
    private static void writeMoreThanOneBatch(JdbcRecordStore store, ObjIntConsumer<UserData> row) {
        store.write(ALICE, tx -> {
            for (int i = 0; i < MORE_THAN_ONE_BATCH; i++) {
                row.accept(tx, i);
            }
            return null;
        });
    }

    private static RequestStatus status(String requestId, RequestState state, long changedAtMicros) {
        return new RequestStatus(requestId, WriteOperation.RECORD_PUT, "0".repeat(64), state,
                state == RequestState.PERSISTED ? "{}" : null,
                state == RequestState.FAILED ? FailureReason.NOT_FOUND : null, null, changedAtMicros, changedAtMicros);
    }

    private static void insert(JdbcRecordStore store, RequestStatus status) {
        store.insertRequestStatus(ALICE, status);
    }

    private static Optional<RequestStatus> find(JdbcRecordStore store, String requestId) {
        return store.read(ALICE, tx -> tx.findRequest(requestId));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
