package dev.strata.domain.sharding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64 with seed 0, as specified by the xxHash reference implementation. Its output is persisted
 * indirectly (every user's bucket depends on it), so this code must never change.
 */
final class XxHash64 {

    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME_5 = 0x27D4EB2F165667C5L;

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private XxHash64() {
    }

    static long hash(byte[] input) {
        int length = input.length;
        int offset = 0;
        long hash;
        if (length >= 32) {
            long v1 = PRIME_1 + PRIME_2;
            long v2 = PRIME_2;
            long v3 = 0;
            long v4 = -PRIME_1;
            for (int limit = length - 32; offset <= limit; offset += 32) {
                v1 = round(v1, readLong(input, offset));
                v2 = round(v2, readLong(input, offset + 8));
                v3 = round(v3, readLong(input, offset + 16));
                v4 = round(v4, readLong(input, offset + 24));
            }
            hash = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7)
                    + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            hash = mergeRound(hash, v1);
            hash = mergeRound(hash, v2);
            hash = mergeRound(hash, v3);
            hash = mergeRound(hash, v4);
        } else {
            hash = PRIME_5;
        }
        hash += length;
        for (; offset + 8 <= length; offset += 8) {
            hash ^= round(0, readLong(input, offset));
            hash = Long.rotateLeft(hash, 27) * PRIME_1 + PRIME_4;
        }
        if (offset + 4 <= length) {
            hash ^= Integer.toUnsignedLong(readInt(input, offset)) * PRIME_1;
            hash = Long.rotateLeft(hash, 23) * PRIME_2 + PRIME_3;
            offset += 4;
        }
        for (; offset < length; offset++) {
            hash ^= (input[offset] & 0xFFL) * PRIME_5;
            hash = Long.rotateLeft(hash, 11) * PRIME_1;
        }
        return avalanche(hash);
    }

    private static long round(long accumulator, long lane) {
        accumulator += lane * PRIME_2;
        return Long.rotateLeft(accumulator, 31) * PRIME_1;
    }

    private static long mergeRound(long accumulator, long lane) {
        accumulator ^= round(0, lane);
        return accumulator * PRIME_1 + PRIME_4;
    }

    private static long avalanche(long hash) {
        hash ^= hash >>> 33;
        hash *= PRIME_2;
        hash ^= hash >>> 29;
        hash *= PRIME_3;
        return hash ^ (hash >>> 32);
    }

    private static long readLong(byte[] input, int offset) {
        return (long) LONG_LE.get(input, offset);
    }

    private static int readInt(byte[] input, int offset) {
        return (int) INT_LE.get(input, offset);
    }
}
