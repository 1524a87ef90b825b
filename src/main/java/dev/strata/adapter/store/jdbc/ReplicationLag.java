package dev.strata.adapter.store.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The replica's lag in time, from WAL positions: the primary's current LSN is sampled with its time on every
 * poll, and the replica is as old as the earliest sample whose LSN it has not replayed yet. Unlike
 * {@code pg_last_xact_replay_timestamp()} this does not grow while the primary is idle. Thread-safe.
 */
final class ReplicationLag {
    private record Sample(Instant at, long lsn) {
    }

    private final Clock clock;
    private final Duration horizon;
    private final Deque<Sample> primarySamples = new ArrayDeque<>();
    private Duration lag;

    /** @param horizon how far back samples are kept; older lag is reported as this much */
    ReplicationLag(Clock clock, Duration horizon) {
        this.clock = clock;
        this.horizon = horizon;
    }

    /** Records one poll: the primary's current LSN and the replica's replayed LSN (null when unknown). */
    synchronized void observe(long primaryLsn, Long replayedLsn) {
        Instant now = clock.instant();
        primarySamples.addLast(new Sample(now, primaryLsn));
        while (primarySamples.size() > 1 && primarySamples.peekFirst().at().isBefore(now.minus(horizon))) {
            primarySamples.removeFirst();
        }
        if (replayedLsn == null) {
            lag = null;
            return;
        }
        Sample oldest = primarySamples.peekFirst();
        Sample firstUnreplayed = primarySamples.stream().filter(s -> s.lsn() > replayedLsn).findFirst().orElse(null);
        if (firstUnreplayed == null) {
            lag = Duration.ZERO;
        } else if (firstUnreplayed == oldest) {
            lag = null; // behind everything still remembered: how far is unknown
        } else {
            lag = Duration.between(firstUnreplayed.at(), now);
        }
    }

    /** The replica could not be measured: treat it as too far behind until the next good poll. */
    synchronized void unknown() {
        lag = null;
    }

    /** The last measured lag; empty when the last poll failed. */
    synchronized Optional<Duration> current() {
        return Optional.ofNullable(lag);
    }
}
