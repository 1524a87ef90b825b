package dev.strata.adapter.store.sharded;

import dev.strata.adapter.resilience.BreakerStates;
import dev.strata.adapter.store.jdbc.JdbcRecordStore;
import dev.strata.port.StorageUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One shard's store behind its own circuit breaker: once most recent calls found the shard unreachable, its users
 * get an immediate 503 instead of each waiting out the connection timeout, and other shards are untouched.
 */
final class GuardedShard implements AutoCloseable {
    private final String id;
    private final JdbcRecordStore store;
    private final CircuitBreaker breaker;

    GuardedShard(String id, JdbcRecordStore store, Duration openFor, MeterRegistry registry) {
        this.id = id;
        this.store = store;
        this.breaker = CircuitBreaker.of("shard-" + id, CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(StorageUnavailableException.class)
                .build());
        Gauge.builder("strata.shard.up", breaker, b -> b.getState() == CircuitBreaker.State.OPEN ? 0 : 1)
                .tag("shard", id).register(registry);
    }

    String id() {
        return id;
    }

    JdbcRecordStore store() {
        return store;
    }

    <T> T call(Supplier<T> work) {
        try {
            return breaker.executeSupplier(work);
        } catch (CallNotPermittedException e) {
            throw new StorageUnavailableException("shard " + id + " is unavailable (circuit open)", e,
                    BreakerStates.openPeriod(breaker));
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>(store.describe());
        d.put("id", id);
        d.put("circuit", breaker.getState().name().toLowerCase(java.util.Locale.ROOT));
        return d;
    }

    @Override
    public void close() {
        store.close();
    }
}
