package dev.strata.testing.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/** What a load run saw: every answer's status and latency, and the calls that got no answer. Thread-safe. */
public final class Tally {
    /** The status recorded for a call that got no HTTP answer (connection refused or reset, or its timeout). */
    public static final int NO_ANSWER = -1;

    private record Sample(int status, long nanos) {
    }

    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

    void record(int status, long nanos) {
        samples.add(new Sample(status, nanos));
    }

    public int total() {
        return samples.size();
    }

    public int count(IntPredicate status) {
        return (int) snapshot().stream().filter(s -> status.test(s.status())).count();
    }

    public int count(int status) {
        return count(s -> s == status);
    }

    /** 5xx other than 503, and calls without an answer: what a client must never see. */
    public int errors() {
        return count(s -> s == NO_ANSWER || (s >= 500 && s != 503));
    }

    /** The {@code quantile} (0..1) latency in milliseconds of the answers whose status matches; 0 when none did. */
    public double latencyMillis(IntPredicate status, double quantile) {
        long[] sorted = snapshot().stream().filter(s -> status.test(s.status())).mapToLong(Sample::nanos).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** Count by status, for assertion messages. */
    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        snapshot().forEach(s -> counts.merge(s.status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public String toString() {
        return total() + " calls " + byStatus() + ", p99 of 2xx " + latencyMillis(Tally::success, 0.99) + " ms";
    }

    public static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    private List<Sample> snapshot() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }
}
