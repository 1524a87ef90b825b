package dev.strata.adapter.resilience;

import dev.strata.port.StorageUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every call to one dependency passes here: through its circuit breaker (which should count only
 * {@link StorageUnavailableException} as failure), and for idempotent calls through the retry policy. This is the
 * only layer that retries; adapters below it must not.
 */
public final class DependencyGuard {
    private final String dependency;
    private final CircuitBreaker breaker;
    private final RetryPolicy retry;
    private final Counter calls;
    private final Counter retries;
    private final Counter retriesDenied;
    private final Counter rejected;

    public DependencyGuard(String dependency, CircuitBreaker breaker, RetryPolicy retry, MeterRegistry registry) {
        this.dependency = dependency;
        this.breaker = breaker;
        this.retry = retry;
        this.calls = Counter.builder("strata.dependency.calls").tag("dependency", dependency)
                .description("calls made to the dependency, retries not counted").register(registry);
        this.retries = Counter.builder("strata.dependency.retries").tag("dependency", dependency).tag("outcome", "retried")
                .description("retries of idempotent calls").register(registry);
        this.retriesDenied = Counter.builder("strata.dependency.retries").tag("dependency", dependency).tag("outcome", "over-budget")
                .description("retries not made because the retry budget was spent").register(registry);
        this.rejected = Counter.builder("strata.dependency.rejected").tag("dependency", dependency)
                .description("calls refused at once by the open circuit breaker").register(registry);
        Gauge.builder("strata.dependency.breaker.state", breaker, b -> BreakerStates.code(b.getState())).tag("dependency", dependency)
                .description("0 closed, 1 open, 2 half-open, 3 other").register(registry);
    }

    /** A call that must not be repeated (it may have taken effect): one attempt. */
    <T> T once(Supplier<T> call) {
        calls.increment();
        retry.budget().earn();
        return attempt(call);
    }

    /** An idempotent call: retried on {@link StorageUnavailableException} within the policy and its budget. */
    <T> T idempotent(Supplier<T> call) {
        calls.increment();
        retry.budget().earn();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(call);
            } catch (CircuitOpenException e) {
                throw e;
            } catch (StorageUnavailableException e) {
                if (attempt >= retry.attempts()) {
                    throw e;
                }
                if (!retry.budget().trySpend()) {
                    retriesDenied.increment();
                    throw e;
                }
                retries.increment();
                pause(retry.backoffBefore(attempt).toNanos(), e);
            }
        }
    }

    void run(Runnable call) {
        once(() -> {
            call.run();
            return null;
        });
    }

    /** A guarded store's topology entry: the store's own, plus the breaker's state. */
    Map<String, Object> describe(Map<String, Object> storeDescription) {
        Map<String, Object> d = new LinkedHashMap<>(storeDescription);
        d.put("breaker", breaker.getState().name().toLowerCase(Locale.ROOT));
        return d;
    }

    private <T> T attempt(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            rejected.increment();
            throw new CircuitOpenException(dependency, BreakerStates.openPeriod(breaker));
        }
    }

    private static void pause(long nanos, StorageUnavailableException cause) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
