package dev.strata.sim;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded Zipf(s) request trace over keys {@code 0 .. keys-1}, key k drawn with probability
 * proportional to {@code 1 / (k+1)^s}. Uses {@link Random}, whose algorithm the JDK specifies, so a
 * seed gives the same trace on every JVM.
 */
final class ZipfTrace {

    private final double[] cumulative;
    private final Random random;

    ZipfTrace(int keys, double exponent, long seed) {
        this.cumulative = new double[keys];
        double sum = 0;
        for (int k = 0; k < keys; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < keys; k++) {
            cumulative[k] /= sum;
        }
        this.random = new Random(seed);
    }

    /** The share of requests that go to the {@code count} most popular keys: a static cache's best hit ratio. */
    double probabilityOfTop(int count) {
        return cumulative[count - 1];
    }

    int nextKey() {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        int key = index >= 0 ? index : -index - 1;
        // Rounding can leave the last cumulative value a hair under 1.
        return Math.min(key, cumulative.length - 1);
    }

    int[] next(int requests) {
        int[] trace = new int[requests];
        for (int i = 0; i < requests; i++) {
            trace[i] = nextKey();
        }
        return trace;
    }
}
