package dev.strata.adapter.store.sharded;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Whether any of the shards answers its health check, asking them all at once and taking the first yes. Asked one
 * after another, a frozen shard ahead in the list held readiness for its pool's timeouts (2 s or more), longer than a
 * load balancer's probe waits, so one frozen shard took every replica out of rotation although the other shards'
 * users could be served.
 */
final class AnyShardHealthy implements AutoCloseable {
    private final ExecutorService probes = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "strata-shard-health");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration deadline;

    /** @param deadline how long to wait for a first yes; no shard answering within it counts as none healthy */
    AnyShardHealthy(Duration deadline) {
        this.deadline = deadline;
    }

    boolean anyOf(List<BooleanSupplier> checks) {
        if (checks.isEmpty()) {
            return false;
        }
        CompletableFuture<Boolean> anyUp = new CompletableFuture<>();
        AtomicInteger unanswered = new AtomicInteger(checks.size());
        for (BooleanSupplier check : checks) {
            CompletableFuture.supplyAsync(check::getAsBoolean, probes).whenComplete((up, failure) -> {
                if (Boolean.TRUE.equals(up)) {
                    anyUp.complete(true);
                } else if (unanswered.decrementAndGet() == 0) {
                    anyUp.complete(false);
                }
            });
        }
        try {
            return anyUp.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a health check future failed", e.getCause());
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
