package dev.strata.bootstrap;

import dev.strata.service.IdempotencyGuard;
import dev.strata.service.OrphanSweeper;
import dev.strata.service.RequestStatusSweeper;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background chores on a timer: the orphan sweep, the purge of expired idempotency keys and, on the queued tier, the
 * expiry and purge of request statuses and of applied request ids.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "strata-housekeeping");
        t.setDaemon(true);
        return t;
    });

    Housekeeping(OrphanSweeper sweeper, IdempotencyGuard idempotency) {
        timer.scheduleWithFixedDelay(() -> run("orphan sweep", sweeper::sweep), 10, 60, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(() -> run("idempotency purge", idempotency::purgeExpired), 1, 10, TimeUnit.MINUTES);
    }

    /** Adds the request status chores of the queued tier. */
    void sweepRequestStatuses(RequestStatusSweeper statuses) {
        timer.scheduleWithFixedDelay(() -> run("request status expiry", statuses::expireQueued), 2, 10, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(() -> run("request status purge", statuses::purgeFinished), 3, 10, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(() -> run("applied request purge", statuses::purgeApplied), 4, 10, TimeUnit.MINUTES);
    }

    private static void run(String chore, java.util.function.IntSupplier task) {
        try {
            int n = task.getAsInt();
            if (n > 0) {
                log.info("{} changed {} items", chore, n);
            }
        } catch (RuntimeException e) {
            log.warn("{} failed; it runs again later", chore, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
