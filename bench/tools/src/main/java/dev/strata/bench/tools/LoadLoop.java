package dev.strata.bench.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load driver for the baselines wrk cannot drive (S3 with signed requests, the Kafka producer):
 * THREADS threads each repeat one operation back to back for a fixed time, like wrk's connections. At the
 * end it prints one {@code WRK_JSON {...}} line in the shape of bench/wrk/report.lua, so run.sh reads both
 * the same way. Latencies are in microseconds, exact (every one is kept), not a histogram.
 */
final class LoadLoop {

    /** One request: throws on failure (counted as a status error); returns false when the thread has no more to send. */
    @FunctionalInterface
    interface Operation {
        boolean run(int thread, long sequence) throws Exception;
    }

    private LoadLoop() {
    }

    static void run(int threads, double seconds, Operation operation) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> results = new ArrayList<>();
        long[] errors = new long[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                for (long seq = 0; System.nanoTime() < end; seq++) {
                    long t0 = System.nanoTime();
                    try {
                        if (!operation.run(thread, seq)) {
                            break;
                        }
                    } catch (Exception e) {
                        if (errors[thread]++ == 0) {
                            System.err.println("thread " + thread + ": " + e);
                        }
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = (System.nanoTime() - t0) / 1000;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> f : results) {
            long[] part = f.get();
            int old = all.length;
            all = Arrays.copyOf(all, old + part.length);
            System.arraycopy(part, 0, all, old, part.length);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        print(all, elapsed, Arrays.stream(errors).sum());
    }

    /** Prints the WRK_JSON line for these latencies (microseconds) over ELAPSED seconds. */
    static void print(long[] latencies, double elapsed, long errors) {
        Arrays.sort(latencies);
        double mean = Arrays.stream(latencies).average().orElse(0);
        long max = latencies.length == 0 ? 0 : latencies[latencies.length - 1];
        System.out.println(String.format(Locale.ROOT,
                "WRK_JSON {\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"bytes\":0,"
                        + "\"errors\":{\"connect\":0,\"read\":0,\"write\":0,\"status\":%d,\"timeout\":0},"
                        + "\"latency_us\":{\"mean\":%.1f,\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d}}",
                latencies.length, elapsed, latencies.length / elapsed, errors, mean,
                percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                percentile(latencies, 99.9), max));
        System.out.flush();
    }

    /** Nearest-rank percentile of sorted values; 0 when empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
