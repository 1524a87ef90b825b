package dev.strata.adapter.store.sharded;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How current this process's bucket directory is: when the catalog was last read, and whether reads of it fail.
 * Published as {@code strata_directory_read_age_seconds} and {@code strata_directory_read_failures_total}. An outage
 * of the catalog is logged when it starts and when it ends, not on every failed poll. Thread-safe.
 */
final class DirectoryFreshness {
    private static final Logger log = LoggerFactory.getLogger(DirectoryFreshness.class);

    private final Clock clock;
    private final Counter failedReads;
    private volatile Instant lastRead;
    private volatile boolean stale;
    private int failuresInOutage;

    DirectoryFreshness(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.lastRead = clock.instant();
        this.failedReads = Counter.builder("strata.directory.read.failures")
                .description("reads of the bucket directory's catalog that failed or timed out")
                .register(registry);
        Gauge.builder("strata.directory.read.age", this, DirectoryFreshness::secondsSinceLastRead).baseUnit("seconds")
                .description("time since the bucket directory was last read from its catalog")
                .register(registry);
    }

    /** The catalog answered; {@code version} is the directory version now in force. */
    synchronized void read(long version) {
        if (stale) {
            log.info("the bucket directory's catalog answers again after {} failed reads over {}; at version {}",
                    failuresInOutage, Duration.between(lastRead, clock.instant()), version);
        }
        lastRead = clock.instant();
        stale = false;
        failuresInOutage = 0;
    }

    /** A read of the catalog failed; {@code keptVersion} stays in force. */
    synchronized void failed(long keptVersion, RuntimeException e) {
        failedReads.increment();
        failuresInOutage++;
        if (!stale) {
            stale = true;
            log.warn("cannot read the bucket directory's catalog on the first shard; keeping version {} and polling on"
                    + " (logged again when it answers)", keptVersion, e);
        }
    }

    /** Whether the last read of the catalog failed, so a newer version may exist that this process has not seen. */
    boolean isStale() {
        return stale;
    }

    double secondsSinceLastRead() {
        return Duration.between(lastRead, clock.instant()).toMillis() / 1000.0;
    }
}
