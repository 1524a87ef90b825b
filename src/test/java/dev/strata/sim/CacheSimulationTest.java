package dev.strata.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Caffeine against an LRU of the same size on issue 7's full trace (Zipf 0.99, 100k keys, 5M
 * requests), Caffeine built as Strata's record caches build it; the whole class takes a few seconds on
 * two cores. Caffeine's admission breaks some ties with a random number it does not let callers seed;
 * with Strata's longer frequency history the ratios moved by at most 0.002 between runs (see
 * bench/SIMULATIONS.md).
 */
class CacheSimulationTest {

    static final int KEYS = 100_000;
    static final int REQUESTS = 5_000_000;
    static final long SEED = 42;

    private static CacheSimulation simulation;

    @BeforeAll
    static void recordTrace() {
        simulation = new CacheSimulation(new ZipfTrace(KEYS, 0.99, SEED).next(REQUESTS), KEYS);
    }

    /**
     * The target. Measured 0.777 (keeping the most popular keys would give 0.70); with
     * Caffeine's own history length, 0.805..0.821.
     */
    @Test
    void caffeine_atQuarterSize_missesAtMost0_80TimesAsOftenAsLru() {
        assertCaffeineToLruMissRatioAtMost(0.25, 0.80);
    }

    /** Measured 0.791 (1%) and 0.761 (10%); the issue sets no target at these sizes. */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.10})
    void caffeine_atSmallerSizes_missesAtMost0_85TimesAsOftenAsLru(double cacheShare) {
        assertCaffeineToLruMissRatioAtMost(cacheShare, 0.85);
    }

    @Test
    void lru_missRatio_isExactlyReproducible() {
        assertThat(simulation.lruMissRatio(KEYS / 4)).isEqualTo(simulation.lruMissRatio(KEYS / 4));
    }

    private static void assertCaffeineToLruMissRatioAtMost(double cacheShare, double bound) {
        int size = (int) (KEYS * cacheShare);

        double caffeine = simulation.caffeineMissRatio(size);
        double lru = simulation.lruMissRatio(size);

        assertThat(caffeine / lru).as("Caffeine %.4f vs LRU %.4f at %d entries", caffeine, lru, size)
                .isLessThanOrEqualTo(bound);
    }
}
