package dev.strata.testing.load;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives bounded load: every run ends after its duration or its call count, whichever comes first, and waits a
 * bounded time for the calls still running.
 */
public final class LoadDriver {
    /** How long a run waits for its last calls; every call has its own shorter HTTP timeout. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    /** One client call: returns the HTTP status it ended with, or throws when it got no answer. */
    @FunctionalInterface
    public interface Call {
        int run(int client, int sequence) throws Exception;
    }

    private LoadDriver() {
    }

    /** {@code clients} clients, each calling again as soon as its last call ended (closed loop). */
    public static Tally closedLoop(int clients, Duration duration, int maxCallsPerClient, Call call) {
        return closedLoop(clients, duration, maxCallsPerClient, Duration.ZERO, call);
    }

    /**
     * {@code clients} clients, each calling again {@code thinkTime} after its last call ended, as people do; the
     * think time is not part of a call's latency.
     */
    public static Tally closedLoop(int clients, Duration duration, int maxCallsPerClient, Duration thinkTime, Call call) {
        Tally tally = new Tally();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.execute(() -> {
                for (int i = 0; i < maxCallsPerClient && System.nanoTime() < end; i++) {
                    timed(tally, call, client, i);
                    sleep(thinkTime);
                }
            });
        }
        threads.shutdown();
        awaitTermination(threads, duration.plus(DRAIN));
        return tally;
    }

    /**
     * Calls at a fixed rate whatever the answers take (open loop), as independent users arrive; this shows what
     * a closed loop hides, the latency and refusals of a server that cannot keep up.
     */
    public static Tally openLoop(int callsPerSecond, Duration duration, Call call) {
        Tally tally = new Tally();
        int calls = (int) (callsPerSecond * duration.toMillis() / 1000);
        AtomicInteger issued = new AtomicInteger();
        Phaser running = new Phaser(1);
        long periodNanos = 1_000_000_000L / callsPerSecond;
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            clock.scheduleAtFixedRate(() -> {
                int sequence = issued.getAndIncrement();
                if (sequence >= calls) {
                    return;
                }
                running.register();
                callers.execute(() -> {
                    try {
                        timed(tally, call, 0, sequence);
                    } finally {
                        running.arriveAndDeregister();
                    }
                });
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            sleep(duration);
            clock.shutdownNow();
            awaitPhase(running);
        } finally {
            callers.shutdownNow();
        }
        return tally;
    }

    private static void timed(Tally tally, Call call, int client, int sequence) {
        long start = System.nanoTime();
        int status;
        try {
            status = call.run(client, sequence);
        } catch (Exception e) {
            status = Tally.NO_ANSWER;
        }
        tally.record(status, System.nanoTime() - start);
    }

    private static void awaitPhase(Phaser running) {
        int phase = running.arrive();
        try {
            running.awaitAdvanceInterruptibly(phase, DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("calls still running " + DRAIN + " after the open-loop run ended", e);
        }
    }

    private static void awaitTermination(ExecutorService threads, Duration timeout) {
        try {
            if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
                throw new IllegalStateException("a client is still running after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
