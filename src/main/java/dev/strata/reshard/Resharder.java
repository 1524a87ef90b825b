package dev.strata.reshard;

import dev.strata.adapter.store.sharded.BucketFence;
import dev.strata.adapter.store.sharded.DirectoryCatalog;
import dev.strata.config.ConfigException;
import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.BucketHasher;
import dev.strata.domain.sharding.BucketMove;
import dev.strata.reshard.ReshardPlans.BucketProgress;
import dev.strata.reshard.ReshardPlans.NewShard;
import dev.strata.reshard.ReshardPlans.Plan;
import dev.strata.reshard.ReshardPlans.Step;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Carries out a reshard plan: creates it (or resumes the running one), moves each bucket, publishes the goal's shard
 * list, then deletes the old copies. One reshard at a time: a session advisory lock on the catalog, released by the
 * database when this process dies.
 */
public final class Resharder implements AutoCloseable {
    private static final long RESHARD_LOCK = 0x5354524152455348L;

    private final ReshardRequest request;
    private final ShardConnections connections;
    private final ReshardPlans plans;
    private final Duration freezeLease;
    private final Clock clock;
    private final PrintWriter err;

    /**
     * @param freezeLease how long a freeze holds if reshard dies while a bucket is frozen; a bucket's final verify
     *                    must fit in it
     */
    public Resharder(ReshardRequest request, Duration freezeLease, Clock clock, PrintWriter err) {
        this.request = request;
        this.connections = new ShardConnections(request);
        this.plans = new ReshardPlans(connections.catalog(), clock);
        int buckets = connections.catalog().withHandle(DirectoryCatalog::newest).buckets();
        if (buckets != request.buckets()) {
            connections.close();
            throw new ConfigException("store.buckets: the directory has " + buckets + " buckets but the files say "
                    + request.buckets() + "; the bucket count is fixed for a deployment");
        }
        this.freezeLease = freezeLease;
        this.clock = clock;
        this.err = err;
    }

    /** What a run would move now, without changing anything. */
    public MovePreview preview() {
        Optional<Plan> running = plans.running();
        BucketAssignment current = connections.catalog().withHandle(DirectoryCatalog::newest);
        Map<String, String> urls = connections.catalog().withHandle(DirectoryCatalog::shardUrls);
        BucketAssignment goal = running.map(Plan::goal).orElseGet(() -> current.rebalanceTo(goalIds(urls).ids()));
        List<BucketMove> moves = BucketAssignment.moves(current, goal);
        Set<Integer> moving = new HashSet<>();
        moves.forEach(move -> moving.add(move.bucket()));
        BucketHasher hasher = new BucketHasher(current.buckets());
        long users = 0;
        long movingUsers = 0;
        for (String shard : current.shardIds()) {
            Jdbi jdbi = connections.open(shard, urls.get(shard));
            for (String user : jdbi.withHandle(BucketUsers::present)) {
                int bucket = hasher.bucketOf(user);
                if (current.shardOf(bucket).equals(shard)) {
                    users++;
                    movingUsers += moving.contains(bucket) ? 1 : 0;
                }
            }
        }
        return new MovePreview(current, goal, moves, users, movingUsers, running.isPresent());
    }

    /** Creates or resumes the plan to the {@code --to} shards and carries it out to the end. */
    public void run() {
        try (Handle lock = exclusive()) {
            Plan plan = plans.running().orElseGet(this::newPlan);
            requireGoal(plan, request.toUrls(), "--to");
            carryOut(plan);
        }
    }

    /**
     * Undoes the running plan while its old copies still exist: unpublished buckets are unfrozen and their copies
     * discarded, published ones move back by a new plan whose goal is the directory the first one started from.
     */
    public void rollback() {
        try (Handle lock = exclusive()) {
            Plan plan = plans.running().orElseThrow(() -> new ConfigException("no reshard is in progress; nothing to roll back"));
            if (!matchesGoal(plan, request.fromUrls())) {
                requireGoal(plan, request.toUrls(), "--to");
                plan = abandon(plan);
            }
            carryOut(plan);
        }
    }

    @Override
    public void close() {
        connections.close();
    }

    private Handle exclusive() {
        Handle lock = connections.catalog().open();
        if (!lock.createQuery("SELECT pg_try_advisory_lock(:k)").bind("k", RESHARD_LOCK).mapTo(Boolean.class).one()) {
            lock.close();
            throw new IllegalStateException("another reshard is running against this catalog");
        }
        return lock;
    }

    private Plan newPlan() {
        BucketAssignment current = connections.catalog().withHandle(DirectoryCatalog::newest);
        Map<String, String> urls = connections.catalog().withHandle(DirectoryCatalog::shardUrls);
        Set<String> currentUrls = new HashSet<>();
        current.shardIds().forEach(id -> currentUrls.add(urls.get(id)));
        if (!currentUrls.equals(new HashSet<>(request.fromUrls()))) {
            throw new ConfigException("--from: the directory's shards are " + currentUrls + ", but the file lists "
                    + request.fromUrls());
        }
        GoalIds goal = goalIds(urls);
        goal.added().forEach(shard -> connections.open(shard.id(), shard.url()));
        BucketAssignment target = current.rebalanceTo(goal.ids());
        return plans.create(current, target, BucketAssignment.moves(current, target), goal.added());
    }

    /** Shards present in both files keep their ids; each new URL gets the next unused {@code shard-N}. */
    private GoalIds goalIds(Map<String, String> known) {
        Map<String, String> idByUrl = new HashMap<>();
        known.forEach((id, url) -> idByUrl.put(url, id));
        int next = known.keySet().stream().filter(id -> id.matches("shard-\\d+"))
                .mapToInt(id -> Integer.parseInt(id.substring("shard-".length()))).max().orElse(-1) + 1;
        List<String> ids = new ArrayList<>();
        List<NewShard> added = new ArrayList<>();
        for (String url : request.toUrls()) {
            String id = idByUrl.get(url);
            if (id == null) {
                id = "shard-" + next++;
                added.add(new NewShard(id, url));
            }
            ids.add(id);
        }
        return new GoalIds(ids, added);
    }

    private record GoalIds(List<String> ids, List<NewShard> added) {
    }

    private void carryOut(Plan plan) {
        Map<String, String> urls = connections.catalog().withHandle(DirectoryCatalog::shardUrls);
        List<BucketProgress> buckets = plans.buckets(plan.id());
        Set<String> involved = new LinkedHashSet<>(plan.goal().shardIds());
        buckets.forEach(b -> involved.addAll(List.of(b.move().fromShard(), b.move().toShard())));
        involved.forEach(id -> connections.open(id, urls.get(id)));
        buckets.stream().filter(b -> b.step() == Step.FROZEN).map(BucketProgress::move).forEach(move ->
                connections.shard(move.fromShard()).useHandle(h -> BucketFence.unfreeze(h, move.bucket())));
        BucketHasher hasher = new BucketHasher(plan.goal().buckets());
        buckets.stream().filter(b -> b.step().compareTo(Step.PUBLISHED) < 0).map(b -> b.move().fromShard()).distinct()
                .forEach(shard -> connections.shard(shard).useHandle(h -> BucketUsers.registerUnlisted(h, hasher)));

        int done = (int) buckets.stream().filter(b -> b.step().compareTo(Step.PUBLISHED) >= 0).count();
        ReshardProgress progress = new ReshardProgress(err, buckets.size(), done);
        BucketMover mover = new BucketMover(connections, plans, plan, freezeLease, freezeLease, clock, progress::rowsCopied);
        for (BucketProgress bucket : buckets) {
            if (bucket.step().compareTo(Step.PUBLISHED) < 0) {
                progress.bucketMoved(mover.move(bucket));
            }
        }
        publishGoal(plan);
        for (BucketProgress bucket : plans.buckets(plan.id())) {
            if (bucket.step() == Step.PUBLISHED) {
                discard(bucket.move().fromShard(), bucket.move().bucket());
                plans.advance(plan.id(), bucket.move().bucket(), Step.CLEANED, 0, 0);
            }
        }
        plans.end(plan.id(), "done");
        progress.finish("reshard done: " + buckets.size() + " buckets moved; directory "
                + connections.catalog().withHandle(DirectoryCatalog::newest));
    }

    /** Every bucket is where the goal wants it; the last version names exactly the goal's shards. */
    private void publishGoal(Plan plan) {
        connections.catalog().useTransaction(h -> {
            BucketAssignment current = DirectoryCatalog.newest(h);
            for (int bucket = 0; bucket < current.buckets(); bucket++) {
                if (!current.shardOf(bucket).equals(plan.goal().shardOf(bucket))) {
                    throw new IllegalStateException("bucket " + bucket + " is on " + current.shardOf(bucket)
                            + " but the plan wants it on " + plan.goal().shardOf(bucket));
                }
            }
            if (!current.shardIds().equals(plan.goal().shardIds())) {
                DirectoryCatalog.insert(h, current.next(plan.goal().shardIds(), current::shardOf), clock.millis());
            }
        });
    }

    /** Ends the plan and starts one back to the directory it began from, after undoing its unpublished buckets. */
    private Plan abandon(Plan plan) {
        BucketAssignment current = connections.catalog().withHandle(DirectoryCatalog::newest);
        Map<String, String> urls = connections.catalog().withHandle(DirectoryCatalog::shardUrls);
        for (BucketProgress bucket : plans.buckets(plan.id())) {
            BucketMove move = bucket.move();
            if (!current.shardOf(move.bucket()).equals(move.toShard())) {
                connections.open(move.fromShard(), urls.get(move.fromShard()))
                        .useHandle(h -> BucketFence.open(h, move.bucket()));
                connections.open(move.toShard(), urls.get(move.toShard()));
                discard(move.toShard(), move.bucket());
            }
        }
        BucketAssignment original = connections.catalog().withHandle(h -> DirectoryCatalog.version(h, plan.fromVersion()));
        BucketAssignment goal = current.next(original.shardIds(), original::shardOf);
        plans.end(plan.id(), "rolled-back");
        return plans.create(current, goal, BucketAssignment.moves(current, goal), List.of());
    }

    private void discard(String shard, int bucket) {
        connections.shard(shard).useTransaction(h -> UserRows.delete(h, BucketUsers.of(h, bucket)));
    }

    private boolean matchesGoal(Plan plan, List<String> urls) {
        Map<String, String> known = connections.catalog().withHandle(DirectoryCatalog::shardUrls);
        return plan.goal().shardIds().stream().map(known::get).toList().equals(urls);
    }

    private void requireGoal(Plan plan, List<String> urls, String option) {
        if (!matchesGoal(plan, urls)) {
            Map<String, String> known = connections.catalog().withHandle(DirectoryCatalog::shardUrls);
            throw new ConfigException(option + ": a reshard to " + plan.goal().shardIds().stream().map(known::get).toList()
                    + " is in progress; rerun it with that file, or roll it back with --rollback");
        }
    }
}
