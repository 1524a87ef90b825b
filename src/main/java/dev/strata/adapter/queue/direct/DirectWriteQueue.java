package dev.strata.adapter.queue.direct;

import dev.strata.domain.QueuedWrite;
import dev.strata.domain.WriteOutcome;
import dev.strata.domain.WriteRequest;
import dev.strata.port.WriteQueue;
import java.util.Map;
import java.util.function.Supplier;

/** The sync tiers' queue: no queue at all, every write is applied in the request. */
public final class DirectWriteQueue implements WriteQueue {

    @Override
    public <R> WriteOutcome<R> submit(WriteRequest request, Supplier<QueuedWrite> prepare, Supplier<R> applyNow) {
        return new WriteOutcome.Applied<>(applyNow.get());
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("mode", "sync");
    }

    @Override
    public void close() {
    }
}
