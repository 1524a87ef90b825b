package dev.strata.api;

import java.time.Instant;

/** Stored times are epoch microseconds; responses show them as ISO-8601 instants. */
final class Timestamps {
    private Timestamps() {
    }

    static String iso(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L).toString();
    }
}
