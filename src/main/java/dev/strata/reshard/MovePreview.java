package dev.strata.reshard;

import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.BucketMove;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a reshard would move: the bucket moves between shards, and the share of buckets and of the users actually
 * present (each counted on the shard that owns its bucket) that they carry.
 */
public record MovePreview(BucketAssignment current, BucketAssignment goal, List<BucketMove> moves, long users,
                          long movingUsers, boolean resumesRunningPlan) {

    public void print(PrintWriter out) {
        out.println("directory version " + current.version() + ": " + current.buckets() + " buckets over "
                + current.shardIds());
        out.println("goal: " + goal.shardIds() + (resumesRunningPlan ? " (the reshard in progress)" : ""));
        out.printf("%d of %d buckets move (%.1f%% of buckets), carrying %d of %d users (%.1f%%)%n", moves.size(),
                current.buckets(), 100.0 * moves.size() / current.buckets(), movingUsers, users,
                users == 0 ? 0.0 : 100.0 * movingUsers / users);
        Map<String, List<Integer>> byPair = new TreeMap<>();
        for (BucketMove move : moves) {
            byPair.computeIfAbsent(move.fromShard() + " -> " + move.toShard(), pair -> new java.util.ArrayList<>())
                    .add(move.bucket());
        }
        byPair.forEach((pair, buckets) -> out.println("  " + pair + ": " + buckets.size() + " buckets "
                + buckets.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"))));
    }
}
