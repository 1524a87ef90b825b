package dev.strata.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** Key ranks drawn from a Zipf distribution (exponent s over n keys): a few hot keys take most reads. */
final class ZipfKeys {
    private final double[] cumulative;

    ZipfKeys(int n, double s) {
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1 / Math.pow(rank, s);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A rank in [0, n), rank 0 the hottest. */
    int next() {
        int index = Arrays.binarySearch(cumulative, ThreadLocalRandom.current().nextDouble());
        return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
    }
}
