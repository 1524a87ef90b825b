package dev.strata.testing.servers;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls until a freshly started server answers. */
final class Readiness {

    private Readiness() {
    }

    /**
     * Waits until {@code ready} returns true, failing early with the server's log when its process
     * has exited, and with the log after {@code timeout}.
     */
    static void await(String name, ChildProcess process, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            process.checkAlive();
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within " + timeout + "\n" + process.logTail());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
