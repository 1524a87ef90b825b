package dev.strata.testing.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Faults to inject at given offsets from the start, on a thread of its own while the load runs. */
public final class Timeline {
    private record Step(Duration at, Runnable action) {
    }

    private final List<Step> steps = new ArrayList<>();

    public static Timeline of() {
        return new Timeline();
    }

    /** Adds a step; steps run in the order added, each no earlier than its offset. */
    public Timeline at(Duration offset, Runnable action) {
        steps.add(new Step(offset, action));
        return this;
    }

    /** Starts the steps now; join the returned future to learn of a failed step. */
    public CompletableFuture<Void> start() {
        long start = System.nanoTime();
        return CompletableFuture.runAsync(() -> {
            for (Step step : steps) {
                long wait = start + step.at().toNanos() - System.nanoTime();
                if (wait > 0) {
                    LoadDriver.sleep(Duration.ofNanos(wait));
                }
                step.action().run();
            }
        });
    }

    /** Waits for the steps to finish, failing with the first failed step's exception. */
    public static void await(CompletableFuture<Void> running, Duration timeout) {
        try {
            running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a fault step failed or did not finish", e);
        }
    }
}
