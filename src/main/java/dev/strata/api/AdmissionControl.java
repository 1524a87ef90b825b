package dev.strata.api;

import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many API requests run at once. Past the bound a request fails fast with 503 instead of queueing,
 * so admitted requests keep their latency. Also lets shutdown wait for in-flight requests.
 */
public final class AdmissionControl {
    private final int maxConcurrent;
    private final Semaphore permits;

    public AdmissionControl(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent);
    }

    Handler guard(Handler handler) {
        return ctx -> {
            if (!permits.tryAcquire()) {
                throw new OverloadedException();
            }
            try {
                handler.handle(ctx);
            } finally {
                permits.release();
            }
        };
    }

    public int inFlight() {
        return maxConcurrent - permits.availablePermits();
    }

    /** Waits until no admitted request is running, or {@code timeout} passed; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(maxConcurrent, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(maxConcurrent);
        return true;
    }
}
