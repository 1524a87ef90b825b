package dev.strata.domain.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BucketAssignmentTest {

    @Test
    void even_givesContiguousRangesDifferingByAtMostOneBucket() {
        var assignment = BucketAssignment.even(10, List.of("a", "b", "c"));

        assertThat(IntStream.range(0, 10).mapToObj(assignment::shardOf))
                .containsExactly("a", "a", "a", "a", "b", "b", "b", "c", "c", "c");
        assertThat(assignment.version()).isEqualTo(1);
    }

    @Test
    void even_isBalanced_forEveryShardCountUpTo64() {
        for (int shards = 1; shards <= 64; shards++) {
            assertBalanced(BucketAssignment.even(4096, shardIds(shards)));
        }
    }

    @Test
    void next_movesOneBucket_overAWiderShardList_andThenNarrowsIt() {
        var before = BucketAssignment.even(4, List.of("a", "b"));

        var moved = before.next(List.of("a", "b", "c"), bucket -> bucket == 3 ? "c" : before.shardOf(bucket));
        var narrowed = moved.next(List.of("a", "c"), bucket -> bucket == 2 ? "a" : moved.shardOf(bucket));

        assertThat(moved.version()).isEqualTo(2);
        assertThat(IntStream.range(0, 4).mapToObj(moved::shardOf)).containsExactly("a", "a", "b", "c");
        assertThat(narrowed.version()).isEqualTo(3);
        assertThat(narrowed.shardIds()).containsExactly("a", "c");
        assertThat(IntStream.range(0, 4).mapToObj(narrowed::shardOf)).containsExactly("a", "a", "a", "c");
        assertThatIllegalArgumentException().isThrownBy(() -> before.next(List.of("a"), before::shardOf))
                .withMessageContaining("not among [a]");
    }

    @Test
    void rebalanceTo_addedShard_takesItsShareOnlyFromExistingShards() {
        var before = BucketAssignment.even(4096, shardIds(3));

        var after = before.rebalanceTo(shardIds(4));

        assertThat(after.version()).isEqualTo(2);
        assertBalanced(after);
        List<BucketMove> moves = BucketAssignment.moves(before, after);
        assertThat(moves).hasSize(1024).allSatisfy(move -> assertThat(move.toShard()).isEqualTo("shard-3"));
    }

    @Test
    void rebalanceTo_removedShard_spreadsOnlyItsBucketsEvenlyOverTheRest() {
        var before = BucketAssignment.even(4096, shardIds(5));
        List<String> remaining = List.of("shard-0", "shard-1", "shard-3", "shard-4");

        var after = before.rebalanceTo(remaining);

        assertBalanced(after);
        List<BucketMove> moves = BucketAssignment.moves(before, after);
        assertThat(moves).hasSize(before.bucketCounts().get("shard-2"))
                .allSatisfy(move -> assertThat(move.fromShard()).isEqualTo("shard-2"));
    }

    @Test
    void rebalanceTo_growingOneShardAtATime_movesExactlyTheNewShardsShare() {
        var assignment = BucketAssignment.even(4096, shardIds(1));
        for (int shards = 2; shards <= 64; shards++) {
            var next = assignment.rebalanceTo(shardIds(shards));

            String added = "shard-" + (shards - 1);
            assertThat(BucketAssignment.moves(assignment, next))
                    .hasSize(4096 / shards)
                    .allSatisfy(move -> assertThat(move.toShard()).isEqualTo(added));
            assertBalanced(next);
            assignment = next;
        }
    }

    @Test
    void rebalanceTo_anySequenceOfChanges_staysBalancedWithMinimalMoves() {
        var random = new Random(7);
        List<String> shards = new ArrayList<>(shardIds(4));
        int nextId = 4;
        var assignment = BucketAssignment.even(1000, shards);
        for (int step = 0; step < 200; step++) {
            if (shards.size() > 1 && random.nextBoolean()) {
                shards.remove(random.nextInt(shards.size()));
            } else {
                shards.add(random.nextInt(shards.size() + 1), "shard-" + nextId++);
            }
            Collections.shuffle(shards, random);

            var next = assignment.rebalanceTo(shards);

            assertBalanced(next);
            assertThat(BucketAssignment.moves(assignment, next)).hasSize(minimalMoves(assignment, shards));
            assignment = next;
        }
    }

    @Test
    void rebalanceTo_sameShards_movesNothing() {
        var before = BucketAssignment.even(4096, shardIds(7));

        assertThat(BucketAssignment.moves(before, before.rebalanceTo(shardIds(7)))).isEmpty();
    }

    @Test
    void of_roundTripsAStoredDirectory() {
        var assignment = BucketAssignment.even(64, shardIds(3)).rebalanceTo(shardIds(5));

        var reloaded = BucketAssignment.of(assignment.version(), assignment.shardIds(), assignment.shardIndexByBucket());

        assertThat(reloaded).isEqualTo(assignment);
    }

    @Test
    void of_rejectsABucketWithoutShard() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BucketAssignment.of(1, List.of("a", "b"), new int[] {0, 1, 2}))
                .withMessageContaining("bucket 2 names shard index 2");
    }

    @Test
    void even_rejectsRepeatedBlankOrTooManyShards() {
        assertThatIllegalArgumentException().isThrownBy(() -> BucketAssignment.even(8, List.of("a", "a")))
                .withMessageContaining("appears twice");
        assertThatIllegalArgumentException().isThrownBy(() -> BucketAssignment.even(8, List.of("a", " ")))
                .withMessageContaining("must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> BucketAssignment.even(2, shardIds(3)))
                .withMessageContaining("3 shards need at least as many buckets");
        assertThatIllegalArgumentException().isThrownBy(() -> BucketAssignment.even(8, List.of()))
                .withMessageContaining("at least one shard");
    }

    @Test
    void moves_rejectsDirectoriesOfDifferentSize() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BucketAssignment.moves(BucketAssignment.even(8, shardIds(2)),
                        BucketAssignment.even(16, shardIds(2))))
                .withMessageContaining("bucket counts differ");
    }

    private static int minimalMoves(BucketAssignment from, List<String> toShards) {
        int base = from.buckets() / toShards.size();
        int extra = from.buckets() % toShards.size();
        List<Integer> keptCounts = toShards.stream()
                .map(id -> from.bucketCounts().getOrDefault(id, 0))
                .sorted(Collections.reverseOrder())
                .toList();
        int kept = 0;
        for (int i = 0; i < keptCounts.size(); i++) {
            kept += Math.min(keptCounts.get(i), i < extra ? base + 1 : base);
        }
        return from.buckets() - kept;
    }

    private static void assertBalanced(BucketAssignment assignment) {
        Map<String, Integer> counts = assignment.bucketCounts();
        assertThat(counts.keySet()).containsExactlyElementsOf(assignment.shardIds());
        int max = Collections.max(counts.values());
        int min = Collections.min(counts.values());
        assertThat(max - min).as("bucket count spread in %s", counts).isLessThanOrEqualTo(1);
    }

    private static List<String> shardIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> "shard-" + i).toList();
    }
}
