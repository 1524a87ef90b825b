package dev.strata.reshard;

import dev.strata.adapter.store.sharded.DirectoryCatalog;
import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.BucketMove;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The reshard plans in the catalog: the goal directory and each moving bucket's step, so a rerun continues. */
final class ReshardPlans {
    private final Jdbi catalog;
    private final Clock clock;

    ReshardPlans(Jdbi catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A plan being carried out. */
    record Plan(long id, long fromVersion, BucketAssignment goal) {
    }

    /** Where one moving bucket is. */
    record BucketProgress(BucketMove move, Step step, long changeMark) {
    }

    enum Step {
        /** Not copied yet (or the copy did not finish). */
        PENDING,
        /** Copied; catch-up passes follow changes after {@code changeMark}. */
        COPIED,
        /** Frozen on the source at least once; the freeze expires by itself if reshard dies. */
        FROZEN,
        /** The directory names the target; the source still holds the old copy. */
        PUBLISHED,
        /** The old copy is deleted. */
        CLEANED
    }

    Optional<Plan> running() {
        return catalog.withHandle(h -> h.createQuery("SELECT plan_id, from_version, goal_shard_ids, goal_indexes"
                        + " FROM strata_catalog.reshard_plan WHERE state = 'running'")
                .map((rs, ctx) -> new Plan(rs.getLong(1), rs.getLong(2), BucketAssignment.of(rs.getLong(2) + 1,
                        List.of(rs.getString(3).split(",")), DirectoryCatalog.parseIndexes(rs.getString(4)))))
                .findOne());
    }

    /** Records a new running plan with one pending row per move; shards new to the catalog are added with it. */
    Plan create(BucketAssignment from, BucketAssignment goal, List<BucketMove> moves, List<NewShard> newShards) {
        return catalog.inTransaction(h -> {
            newShards.forEach(shard -> DirectoryCatalog.addShard(h, shard.id(), shard.url()));
            long id = h.createQuery("SELECT coalesce(max(plan_id), 0) + 1 FROM strata_catalog.reshard_plan").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO strata_catalog.reshard_plan (plan_id, state, from_version, goal_shard_ids, goal_indexes,"
                            + " created_at) VALUES (:id, 'running', :from, :ids, :idx, :at)")
                    .bind("id", id).bind("from", from.version()).bind("ids", String.join(",", goal.shardIds()))
                    .bind("idx", DirectoryCatalog.formatIndexes(goal.shardIndexByBucket())).bind("at", clock.millis())
                    .execute();
            var batch = h.prepareBatch("INSERT INTO strata_catalog.reshard_bucket (plan_id, bucket, from_shard, to_shard, step,"
                    + " updated_at) VALUES (:id, :b, :from, :to, 'PENDING', :at)");
            for (BucketMove move : moves) {
                batch.bind("id", id).bind("b", move.bucket()).bind("from", move.fromShard()).bind("to", move.toShard())
                        .bind("at", clock.millis()).add();
            }
            if (!moves.isEmpty()) {
                batch.execute();
            }
            return new Plan(id, from.version(), goal);
        });
    }

    /** A shard the goal adds, with the id it gets. */
    record NewShard(String id, String url) {
    }

    List<BucketProgress> buckets(long planId) {
        return catalog.withHandle(h -> h.createQuery("SELECT bucket, from_shard, to_shard, step, change_mark"
                        + " FROM strata_catalog.reshard_bucket WHERE plan_id = :id ORDER BY bucket")
                .bind("id", planId)
                .map((rs, ctx) -> new BucketProgress(new BucketMove(rs.getInt(1), rs.getString(2), rs.getString(3)),
                        Step.valueOf(rs.getString(4)), rs.getLong(5)))
                .list());
    }

    void advance(long planId, int bucket, Step step, long changeMark, long rowsCopied) {
        catalog.useHandle(h -> h.createUpdate("UPDATE strata_catalog.reshard_bucket SET step = :s, change_mark = :m,"
                        + " rows_copied = rows_copied + :r, updated_at = :at WHERE plan_id = :id AND bucket = :b")
                .bind("s", step.name()).bind("m", changeMark).bind("r", rowsCopied).bind("at", clock.millis())
                .bind("id", planId).bind("b", bucket).execute());
    }

    /** Ends the plan: {@code done}, or {@code rolled-back} when a rollback plan replaced it. */
    void end(long planId, String state) {
        catalog.useHandle(h -> h.createUpdate("UPDATE strata_catalog.reshard_plan SET state = :s WHERE plan_id = :id")
                .bind("s", state).bind("id", planId).execute());
    }
}
