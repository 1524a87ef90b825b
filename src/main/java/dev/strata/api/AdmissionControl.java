package dev.strata.api;

import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many API requests run at once. Past the bound a request fails fast with 503 instead of queueing,
 * so admitted requests keep their latency. Blob requests also need one of fewer blob permits (a bulkhead), so a
 * slow blob store can hold at most that many of the permits and record requests keep the rest. Also lets
 * shutdown wait for in-flight requests.
 */
public final class AdmissionControl {
    private final int maxConcurrent;
    private final Semaphore permits;
    private final Semaphore blobPermits;

    public AdmissionControl(int maxConcurrent, int maxConcurrentBlobs) {
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent);
        this.blobPermits = new Semaphore(maxConcurrentBlobs);
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

    Handler guardBlobs(Handler handler) {
        Handler admitted = guard(handler);
        return ctx -> {
            if (!blobPermits.tryAcquire()) {
                throw new OverloadedException();
            }
            try {
                admitted.handle(ctx);
            } finally {
                blobPermits.release();
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
