package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.adapter.store.jdbc.SqlDialect;
import dev.strata.config.StoreConfig;
import dev.strata.domain.sharding.ShardRouter;
import dev.strata.millions.MillionsTier;
import dev.strata.millions.ShardCatalog;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.TestServer;
import dev.strata.testing.load.Ledger;
import dev.strata.testing.load.LoadDriver;
import dev.strata.testing.load.Tally;
import dev.strata.testing.load.Timeline;
import dev.strata.testing.load.Traffic;
import dev.strata.testing.servers.PostgresServer;
import dev.strata.testing.servers.PostgresServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: one PostgreSQL shard frozen (SIGSTOP of its postmaster and every backend) for 10 s under load, then
 * thawed. Its connections hang without an error, unlike a crash. Its users get 503 with Retry-After within the
 * store's deadline, the other shards' users keep their latency, every user is served again within 5 s of the thaw,
 * and every acknowledged write reads back exactly once.
 */
class ShardStallIT {
    private static final int USERS = 12;
    /**
     * Each user calls again this long after an answer, before and during the stall alike. A closed loop keeps a
     * busy machine from piling up a backlog that would measure its overload instead of the stall.
     */
    private static final Duration THINK_TIME = Duration.ofMillis(200);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration BASELINE = Duration.ofSeconds(8);
    private static final Duration STALL = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(5);
    private static final int STALLED_SHARD = 2;
    /**
     * A statement that timed out while its socket was still waiting waits for its cancel request once the driver has
     * started it (SqlDialect sets the driver's cancelSignalTimeout to 1 s); with several frozen statements, the
     * driver's single timer thread starts some cancels only at their socket timeout.
     */
    private static final Duration CANCEL_SIGNAL_TIMEOUT = Duration.ofSeconds(1);
    /** The least scheduling delay allowed on top of the server's own deadline; see {@link #deadline}. */
    private static final Duration MIN_SLACK = Duration.ofSeconds(1);
    /**
     * The least p99 increase of the other users that fails the test. On a busy two-core machine a p99 of tens of
     * milliseconds can double from scheduling noise alone, while a request stuck behind the frozen shard would wait
     * out a pooled-connection or socket timeout (2 s or more), so 250 ms still catches that failure.
     */
    private static final double P99_NOISE_MILLIS = 250;
    /** A read of a key whose write has not been acknowledged (yet, or ever) is an answer too. */
    private static final IntPredicate ANSWERED = status -> Tally.success(status) || status == 404;

    @Test
    void stalledShard_failsOnlyItsUsers_withinTheDeadline_othersKeepTheirLatency_andAllRecover() {
        try (PostgresServers shards = PostgresServers.start(3);
             TestServer server = new MillionsTier(shards).start("all")) {
            PostgresServer stalled = shards.get(STALLED_SHARD);
            try {
                run(server, new ShardCatalog(shards).router(), stalled);
            } finally {
                stalled.resume();
            }
        }
    }

    private static void run(TestServer server, ShardRouter router, PostgresServer stalled) {
        Traffic traffic = new Traffic(server.client(), Traffic.tokens(USERS, server::token), new Ledger());
        List<Integer> onStalledShard = IntStream.range(0, USERS).boxed()
                .filter(u -> ShardCatalog.indexOf(router.shardOf(Traffic.user(u))) == STALLED_SHARD).toList();
        List<Integer> elsewhere = IntStream.range(0, USERS).boxed().filter(u -> !onStalledShard.contains(u)).toList();
        assertThat(onStalledShard).as("users on the stalled shard").hasSizeGreaterThanOrEqualTo(2);
        assertThat(elsewhere).as("users on the other shards").hasSizeGreaterThanOrEqualTo(4);
        Load load = new Load(traffic, onStalledShard, elsewhere);

        load.run(0, WARM_UP);
        Tallies baseline = load.run(1_000_000, BASELINE);

        AtomicReference<Duration> recoveredAfter = new AtomicReference<>();
        CompletableFuture<Void> faults = Timeline.of()
                .at(Duration.ZERO, stalled::pause)
                .at(STALL, () -> {
                    stalled.resume();
                    recoveredAfter.set(timeUntilEveryUserIsServed(traffic));
                })
                .start();
        Tallies stall = load.run(2_000_000, STALL.plus(RECOVERY));
        Timeline.await(faults, STALL.plus(Duration.ofSeconds(40)));
        Tally itsUsers = stall.stalledShard();
        Tally otherUsers = stall.otherShards();
        double deadlineMillis = deadline(server, baseline.otherShards()).toMillis();
        double baselineP99 = baseline.otherShards().latencyMillis(ANSWERED, 0.99);
        double stallP99 = otherUsers.latencyMillis(ANSWERED, 0.99);
        double slowest = itsUsers.latencyMillis(status -> true, 1.0);
        String summary = "other users' baseline " + baseline.otherShards() + "; during stall and thaw: its users "
                + itsUsers + ", slowest " + slowest + " ms (deadline " + deadlineMillis + " ms); other users "
                + otherUsers + ", p99 " + stallP99 + " ms (baseline " + baselineP99 + " ms); all served "
                + recoveredAfter.get() + " after SIGCONT";
        System.out.println(summary);

        assertThat(itsUsers.count(ANSWERED.negate().and(status -> status != 503))).as("only 503s fail: " + summary)
                .isZero();
        assertThat(itsUsers.count(503)).as("the stall was felt: " + summary).isPositive();
        assertThat(load.missingRetryAfter).as("every 503 says when to retry: " + summary).hasValue(0);
        assertThat(slowest).as("within the deadline: " + summary).isLessThanOrEqualTo(deadlineMillis);
        assertThat(otherUsers.count(ANSWERED.negate())).as("other users unaffected: " + summary).isZero();
        assertThat(stallP99).as("other users' p99: " + summary)
                .isLessThanOrEqualTo(Math.max(2 * baselineP99, baselineP99 + P99_NOISE_MILLIS));
        assertThat(recoveredAfter.get()).as(summary).isLessThanOrEqualTo(RECOVERY);
        assertThat(traffic.ledger().verify(server.client(), traffic::tokenOf)).isEmpty();
    }

    /**
     * The longest a frozen shard may hold a request: the socket timeout the tier's statement timeout sets (it also
     * outlasts the 2 s wait for a pooled connection), plus {@link #CANCEL_SIGNAL_TIMEOUT}, plus the delay any request
     * meets on this machine without a fault: the slowest answer of the baseline, at least {@link #MIN_SLACK}. On a
     * quiet machine that slack is 1 s; on one shared with other builds a request can wait seconds for a core.
     */
    private static Duration deadline(TestServer server, Tally baseline) {
        Duration slowestBaseline = Duration.ofMillis((long) Math.ceil(baseline.latencyMillis(ANSWERED, 1.0)));
        Duration slack = slowestBaseline.compareTo(MIN_SLACK) > 0 ? slowestBaseline : MIN_SLACK;
        Duration statementTimeout = ((StoreConfig.Sharded) server.config().store()).statementTimeout();
        return SqlDialect.socketTimeout(statementTimeout).plus(CANCEL_SIGNAL_TIMEOUT).plus(slack);
    }

    private record Tallies(Tally stalledShard, Tally otherShards) {
    }

    /**
     * Load from every user, the users of the stalled shard and the others each on a run of their own: every user
     * writes a new record and reads it back in turn.
     */
    private static final class Load {
        final Traffic traffic;
        final List<Integer> stalledShardUsers;
        final List<Integer> otherUsers;
        final AtomicInteger missingRetryAfter = new AtomicInteger();

        Load(Traffic traffic, List<Integer> stalledShardUsers, List<Integer> otherUsers) {
            this.traffic = traffic;
            this.stalledShardUsers = stalledShardUsers;
            this.otherUsers = otherUsers;
        }

        /** Keys start at {@code firstKey}, so every run writes keys of its own. */
        Tallies run(int firstKey, Duration duration) {
            CompletableFuture<Tally> stalledShard =
                    CompletableFuture.supplyAsync(() -> run(stalledShardUsers, firstKey, duration));
            Tally others = run(otherUsers, firstKey, duration);
            return new Tallies(stalledShard.join(), others);
        }

        private Tally run(List<Integer> users, int firstKey, Duration duration) {
            return LoadDriver.closedLoop(users.size(), duration, Integer.MAX_VALUE, THINK_TIME, (client, sequence) -> {
                int user = users.get(client);
                int key = firstKey + sequence / 2;
                Response answer = sequence % 2 == 0
                        ? traffic.writeAnswer(user, key)
                        : traffic.readAnswer(user, Traffic.key(user, key));
                if (answer.status() == 503 && answer.header("Retry-After") == null) {
                    missingRetryAfter.incrementAndGet();
                }
                return answer.status();
            });
        }
    }

    /** How long until a write of every user succeeded, each user trying again every 100 ms, all at once. */
    private static Duration timeUntilEveryUserIsServed(Traffic traffic) {
        long start = System.nanoTime();
        AtomicInteger key = new AtomicInteger(9_000_000);
        ExecutorService users = Executors.newFixedThreadPool(USERS);
        try {
            CompletableFuture.allOf(IntStream.range(0, USERS).mapToObj(user -> CompletableFuture.runAsync(() ->
                    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                            .until(() -> Tally.success(traffic.write(user, key.getAndIncrement()))), users))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            users.shutdownNow();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
