package dev.strata.sim;

import static dev.strata.sim.ShardBalanceSimulation.shardIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.domain.sharding.BucketAssignment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 7's directory targets, for 1M users over 4096 buckets. See bench/SIMULATIONS.md for the figures. */
class ShardBalanceSimulationTest {

    private static ShardBalanceSimulation simulation;

    @BeforeAll
    static void spreadUsers() {
        simulation = new ShardBalanceSimulation(1_000_000, 4096);
    }

    @Test
    void evenDirectory_keepsMaxOverMeanLoadWithinTarget_for2To64Shards() {
        for (int shards = 2; shards <= 64; shards++) {
            var assignment = BucketAssignment.even(4096, shardIds(shards));

            assertThat(simulation.maxOverMeanLoad(assignment))
                    .as("max/mean load over %d shards", shards)
                    .isLessThanOrEqualTo(simulation.allowedMaxOverMeanLoad(shards));
        }
    }

    @Test
    void evenDirectory_meetsTheIssuesTargetOf1_02_upTo26Shards() {
        for (int shards = 2; shards <= 26; shards++) {
            assertThat(simulation.maxOverMeanLoad(BucketAssignment.even(4096, shardIds(shards))))
                    .as("max/mean load over %d shards", shards)
                    .isLessThanOrEqualTo(1.02);
        }
    }

    @Test
    void addingShardNPlus1_movesAtMost1_05TimesItsShare_allToTheNewShard() {
        var assignment = BucketAssignment.even(4096, shardIds(1));
        for (int shards = 2; shards <= 64; shards++) {
            var next = assignment.rebalanceTo(shardIds(shards));

            String added = "shard-" + (shards - 1);
            assertThat(simulation.movedFraction(assignment, next))
                    .as("users moved going from %d to %d shards", shards - 1, shards)
                    .isLessThanOrEqualTo(1.05 / shards);
            assertThat(BucketAssignment.moves(assignment, next))
                    .allSatisfy(move -> assertThat(move.toShard()).isEqualTo(added));
            assertThat(simulation.maxOverMeanLoad(next)).isLessThanOrEqualTo(simulation.allowedMaxOverMeanLoad(shards));
            assignment = next;
        }
    }
}
