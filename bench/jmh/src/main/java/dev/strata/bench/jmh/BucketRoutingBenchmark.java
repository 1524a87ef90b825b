package dev.strata.bench.jmh;

import dev.strata.domain.sharding.BucketHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** userId -> virtual bucket (XXH64 + multiply-shift), paid on every request of a sharded tier. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BucketRoutingBenchmark {
    private final BucketHasher hasher = new BucketHasher(4096);
    private final String userId = "user-4f1c2a9e-7b3d-4e8f-9a61-0c5d2e7f8b93";

    @Benchmark
    public int bucketOf() {
        return hasher.bucketOf(userId);
    }
}
