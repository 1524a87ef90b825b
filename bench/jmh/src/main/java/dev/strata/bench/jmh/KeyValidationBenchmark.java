package dev.strata.bench.jmh;

import dev.strata.domain.NameRules;
import dev.strata.domain.RecordKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Record key validation as every record request does it (the tier default limit of 512 bytes). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyValidationBenchmark {
    private final NameRules rules = new NameRules(512);
    private final String key = "settings.profile.display-preferences-v2";

    @Benchmark
    public RecordKey recordKey() {
        return rules.recordKey(key);
    }
}
