package dev.strata.reshard;

import dev.strata.adapter.store.sharded.BucketFence;
import dev.strata.adapter.store.sharded.DirectoryCatalog;
import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.BucketHasher;
import dev.strata.domain.sharding.BucketMove;
import dev.strata.reshard.ReshardPlans.BucketProgress;
import dev.strata.reshard.ReshardPlans.Plan;
import dev.strata.reshard.ReshardPlans.Step;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Moves one bucket from its source shard to its target while the service runs: copy, catch up, freeze, verify, seal,
 * publish. Every step can be repeated, so a rerun after a crash starts again from the step the plan recorded (and from
 * the fence it finds on the source).
 */
final class BucketMover {
    /** Catch-up stops once a pass finds this few changed users; the rest is copied under the freeze. */
    private static final int SMALL_DELTA = 20;
    private static final int MAX_CATCH_UP_PASSES = 10;
    private static final int MAX_FREEZES = 3;

    private final ShardConnections connections;
    private final ReshardPlans plans;
    private final Plan plan;
    private final BucketHasher hasher;
    private final Duration freezeLease;
    private final Duration lockWait;
    private final Clock clock;
    private final LongConsumer rowsCopied;

    BucketMover(ShardConnections connections, ReshardPlans plans, Plan plan, Duration freezeLease, Duration lockWait,
                Clock clock, LongConsumer rowsCopied) {
        this.connections = connections;
        this.plans = plans;
        this.plan = plan;
        this.hasher = new BucketHasher(plan.goal().buckets());
        this.freezeLease = freezeLease;
        this.lockWait = lockWait;
        this.clock = clock;
        this.rowsCopied = rowsCopied;
    }

    /** Brings the bucket to PUBLISHED; returns how long its writes were frozen the last time. */
    Duration move(BucketProgress progress) {
        BucketMove move = progress.move();
        int bucket = move.bucket();
        Jdbi source = connections.shard(move.fromShard());
        Jdbi target = connections.shard(move.toShard());
        BucketAssignment current = connections.catalog().withHandle(DirectoryCatalog::newest);
        if (current.shardOf(bucket).equals(move.toShard())) {
            plans.advance(plan.id(), bucket, Step.PUBLISHED, progress.changeMark(), 0);
            return Duration.ZERO;
        }
        Duration frozen = Duration.ZERO;
        if (source.withHandle(h -> BucketFence.state(h, bucket)) != BucketFence.State.MOVED) {
            long mark = progress.changeMark();
            if (progress.step() == Step.PENDING) {
                mark = copyEverything(source, target, bucket);
            }
            mark = catchUp(source, target, bucket, mark);
            frozen = freezeVerifySeal(source, target, bucket, mark);
        }
        publish(target, bucket, move.toShard());
        plans.advance(plan.id(), bucket, Step.PUBLISHED, 0, 0);
        return frozen;
    }

    private long copyEverything(Jdbi source, Jdbi target, int bucket) {
        long mark = source.withHandle(h -> BucketUsers.changeMark(h, bucket));
        long rows = copy(source, target, usersOnEither(source, target, bucket));
        plans.advance(plan.id(), bucket, Step.COPIED, mark, rows);
        return mark;
    }

    /** Re-copies the users changed since the last pass until a pass finds few; each pass's start is the next mark. */
    private long catchUp(Jdbi source, Jdbi target, int bucket, long fromMark) {
        long mark = fromMark;
        for (int pass = 0; pass < MAX_CATCH_UP_PASSES; pass++) {
            long passStart = source.withHandle(h -> BucketUsers.changeMark(h, bucket));
            long previous = mark;
            List<String> changed = source.withHandle(h -> BucketUsers.changedAfter(h, bucket, previous));
            long rows = copy(source, target, changed);
            mark = passStart;
            plans.advance(plan.id(), bucket, Step.COPIED, mark, rows);
            if (changed.size() <= SMALL_DELTA) {
                break;
            }
        }
        return mark;
    }

    /**
     * Freezes the bucket, makes the target equal the source user by user (verified by digests, which also catches a
     * write whose change number was taken before a mark but committed after the pass read it), and seals the source
     * while the freeze still holds. A freeze that expired meanwhile lets writes through, so then it starts over.
     */
    private Duration freezeVerifySeal(Jdbi source, Jdbi target, int bucket, long mark) {
        for (int attempt = 1; attempt <= MAX_FREEZES; attempt++) {
            long started = System.nanoTime();
            source.useHandle(h -> BucketFence.freeze(h, bucket, freezeLease, lockWait));
            plans.advance(plan.id(), bucket, Step.FROZEN, mark, 0);
            if (makeEqual(source, target, bucket) && source.withHandle(h -> BucketFence.seal(h, bucket, lockWait))) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            source.useHandle(h -> BucketFence.unfreeze(h, bucket));
        }
        throw new IllegalStateException("bucket " + bucket + ": the copy could not be verified within " + MAX_FREEZES
                + " freezes of " + freezeLease + "; writes are unfrozen, rerun reshard to try again");
    }

    private boolean makeEqual(Jdbi source, Jdbi target, int bucket) {
        List<String> users = usersOnEither(source, target, bucket);
        List<String> differing = UserRows.differing(source, target, users);
        if (differing.isEmpty()) {
            return true;
        }
        copy(source, target, differing);
        return UserRows.differing(source, target, differing).isEmpty();
    }

    /** Opens the bucket on the target (clearing a fence left by an earlier move away) and names it in the directory. */
    private void publish(Jdbi target, int bucket, String toShard) {
        target.useHandle(h -> BucketFence.open(h, bucket));
        connections.catalog().useTransaction(h -> {
            BucketAssignment current = DirectoryCatalog.newest(h);
            Set<String> ids = new LinkedHashSet<>(current.shardIds());
            ids.addAll(plan.goal().shardIds());
            DirectoryCatalog.insert(h, current.next(new ArrayList<>(ids), b -> b == bucket ? toShard : current.shardOf(b)),
                    clock.millis());
        });
    }

    private List<String> usersOnEither(Jdbi source, Jdbi target, int bucket) {
        List<String> onSource = source.withHandle(h -> BucketUsers.of(h, bucket));
        Set<String> users = new TreeSet<>(onSource);
        users.addAll(target.withHandle(h -> BucketUsers.of(h, bucket)));
        return new ArrayList<>(users);
    }

    private long copy(Jdbi source, Jdbi target, List<String> users) {
        if (users.isEmpty()) {
            return 0;
        }
        long rows = UserRows.copy(source, target, users);
        target.useHandle(h -> BucketUsers.note(h, users, hasher));
        rowsCopied.accept(rows);
        return rows;
    }
}
