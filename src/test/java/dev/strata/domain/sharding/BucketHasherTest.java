package dev.strata.domain.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BucketHasherTest {

    // Pinned forever: a changed bucket would strand stored users on the wrong shard. Expected values
    // are floor(xxh64(userId) * buckets / 2^64), worked out independently of this code.
    @ParameterizedTest
    @CsvSource({
            "user-0, 4096, 1985",
            "user-42, 4096, 919",
            "'', 4096, 3828",
            "user-0, 1000, 484",
            "user-42, 1000, 224",
            "'', 1000, 934",
            "user-0, 3, 1",
            "user-42, 3, 0",
            "'', 3, 2"})
    void bucketOf_isPinned(String userId, int buckets, int expectedBucket) {
        assertThat(new BucketHasher(buckets).bucketOf(userId)).isEqualTo(expectedBucket);
    }

    @Test
    void bucketOf_staysInRange_forHashesWithTheTopBitSet() {
        var hasher = new BucketHasher(4095);

        for (int i = 0; i < 100_000; i++) {
            assertThat(hasher.bucketOf("user-" + i)).isBetween(0, 4094);
        }
    }

    @Test
    void constructor_rejectsNonPositiveBucketCount() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BucketHasher(0))
                .withMessageContaining("buckets must be positive");
    }
}
