package dev.strata.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.adapter.cache.caffeine.CaffeineRecordCache;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CountedRecordCacheTest {
    private static final UserId USER = new UserId("ann");
    private static final RecordKey KEY = new RecordKey("profile");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountedRecordCache cache = new CountedRecordCache(
            new CaffeineRecordCache(1 << 20, Duration.ofMinutes(1), registry, "records"), registry);

    @Test
    void aReadTheLoaderServes_isAMiss_andTheNextReadOfTheSameRecordAHit() {
        Optional<StoredRecord> stored = Optional.of(new StoredRecord(USER, KEY, "{}", 1, 1, 1));

        cache.get(USER, KEY, () -> stored);
        cache.get(USER, KEY, () -> stored);
        cache.get(USER, KEY, () -> stored);

        assertThat(gets("miss")).isEqualTo(1);
        assertThat(gets("hit")).isEqualTo(2);
    }

    @Test
    void afterAnInvalidation_theNextReadIsAMissAgain() {
        Optional<StoredRecord> stored = Optional.of(new StoredRecord(USER, KEY, "{}", 1, 1, 1));
        cache.get(USER, KEY, () -> stored);

        cache.invalidate(USER, KEY);
        cache.get(USER, KEY, () -> stored);

        assertThat(gets("miss")).isEqualTo(2);
        assertThat(gets("hit")).isZero();
    }

    private double gets(String result) {
        return registry.get("strata.cache.gets").tag("result", result).counter().count();
    }
}
