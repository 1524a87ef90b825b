package dev.strata.domain.sharding;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Maps a userId to one of a fixed number of virtual buckets: XXH64 (seed 0) of the userId's UTF-8
 * bytes, then Lemire's multiply-shift reduction to {@code [0, buckets)}. The result is part of the
 * stored data layout, so the algorithm must never change. Immutable and thread-safe.
 */
public final class BucketHasher {

    private final int buckets;

    public BucketHasher(int buckets) {
        if (buckets <= 0) {
            throw new IllegalArgumentException("buckets must be positive, was " + buckets);
        }
        this.buckets = buckets;
    }

    public int buckets() {
        return buckets;
    }

    /** The stable 64-bit hash of a userId: XXH64, seed 0, over its UTF-8 bytes. */
    public static long hash(String userId) {
        Objects.requireNonNull(userId, "userId");
        return XxHash64.hash(userId.getBytes(StandardCharsets.UTF_8));
    }

    public int bucketOf(String userId) {
        return (int) unsignedMultiplyHigh(hash(userId), buckets);
    }

    /**
     * The high 64 bits of the unsigned 128-bit product: {@code floor(hash * buckets / 2^64)}, which
     * uses the hash's well-mixed high bits and avoids a division. Java 18 has this as
     * {@code Math.unsignedMultiplyHigh}; here it is derived from the signed {@code multiplyHigh}.
     */
    private static long unsignedMultiplyHigh(long hash, long positiveFactor) {
        return Math.multiplyHigh(hash, positiveFactor) + ((hash >> 63) & positiveFactor);
    }
}
