package dev.strata.sim;

import static dev.strata.sim.CacheSimulationTest.KEYS;
import static dev.strata.sim.CacheSimulationTest.REQUESTS;
import static dev.strata.sim.CacheSimulationTest.SEED;

import dev.strata.domain.sharding.BucketAssignment;
import java.util.List;

/**
 * Prints issue 7's deterministic simulations as markdown tables, for the benchmark report. Runs on
 * the test classpath, as bench/SIMULATIONS.md shows.
 */
public final class SimulationReport {

    private static final int USERS = 1_000_000;
    private static final int BUCKETS = 4096;
    private static final List<Integer> SHARD_COUNTS = List.of(2, 3, 4, 5, 8, 16, 26, 32, 48, 64);

    private SimulationReport() {
    }

    public static void main(String[] args) {
        var shards = new ShardBalanceSimulation(USERS, BUCKETS);
        printBalance(shards);
        printMoves(shards);
        printCache();
    }

    private static void printBalance(ShardBalanceSimulation simulation) {
        System.out.printf("### Shard balance: %,d users, %d buckets, even directory%n%n", USERS, BUCKETS);
        System.out.println("| shards | buckets/shard | max/mean | max/mean, hashed straight to shards | allowed (1.02 or 4σ) | pass |");
        System.out.println("|---:|---:|---:|---:|---:|:---:|");
        for (int count : SHARD_COUNTS) {
            double measured = simulation.maxOverMeanLoad(BucketAssignment.even(BUCKETS, ShardBalanceSimulation.shardIds(count)));
            double allowed = simulation.allowedMaxOverMeanLoad(count);
            System.out.printf("| %d | %.1f | %.4f | %.4f | %.4f | %s |%n", count, (double) BUCKETS / count, measured,
                    simulation.directHashMaxOverMeanLoad(count), allowed, passMark(measured <= allowed));
        }
        System.out.printf("%nUsers per bucket: coefficient of variation %.4f.%n%n",
                simulation.bucketLoadCoefficientOfVariation());
    }

    private static void printMoves(ShardBalanceSimulation simulation) {
        System.out.println("### Users moved when adding shard N+1 (directory grown one shard at a time)");
        System.out.println();
        System.out.println("| N -> N+1 | buckets moved | users moved | share / (1/(N+1)) | target | moved between existing shards |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        var assignment = BucketAssignment.even(BUCKETS, ShardBalanceSimulation.shardIds(1));
        double worst = 0;
        for (int count = 2; count <= 64; count++) {
            var next = assignment.rebalanceTo(ShardBalanceSimulation.shardIds(count));
            var moves = BucketAssignment.moves(assignment, next);
            String added = "shard-" + (count - 1);
            long betweenExisting = moves.stream().filter(move -> !move.toShard().equals(added)).count();
            double ratio = simulation.movedFraction(assignment, next) * count;
            worst = Math.max(worst, ratio);
            if (SHARD_COUNTS.contains(count) || count == 63) {
                System.out.printf("| %d -> %d | %d | %.4f%% | %.4f | <= 1.05 | %d |%n", count - 1, count, moves.size(),
                        100 * simulation.movedFraction(assignment, next), ratio, betweenExisting);
            }
            assignment = next;
        }
        System.out.printf("%nWorst share / (1/(N+1)) over N = 1..63: %.4f.%n%n", worst);
    }

    private static void printCache() {
        var zipf = new ZipfTrace(KEYS, 0.99, SEED);
        var simulation = new CacheSimulation(zipf.next(REQUESTS), KEYS);
        System.out.printf("### Cache miss ratio: Zipf(0.99), %,d keys, %,d requests, seed %d%n%n", KEYS, REQUESTS, SEED);
        System.out.println("| cache size | entries | LRU | Caffeine | Caffeine / LRU | static optimum (top keys pinned) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (double share : new double[] {0.01, 0.10, 0.25}) {
            int size = (int) (KEYS * share);
            double lru = simulation.lruMissRatio(size);
            double caffeine = simulation.caffeineMissRatio(size);
            System.out.printf("| %.0f%% | %,d | %.4f | %.4f | %.3f | %.4f |%n", share * 100, size, lru, caffeine,
                    caffeine / lru, 1 - zipf.probabilityOfTop(size));
        }
        System.out.println();
        System.out.println("Target at 25%: Caffeine / LRU <= 0.80.");
    }

    private static String passMark(boolean pass) {
        return pass ? "yes" : "NO";
    }
}
