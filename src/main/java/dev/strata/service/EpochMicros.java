package dev.strata.service;

import java.time.Clock;
import java.time.Instant;

/** Times are stored as microseconds since the epoch; this is the one conversion. */
final class EpochMicros {
    private EpochMicros() {
    }

    static long now(Clock clock) {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
    }
}
