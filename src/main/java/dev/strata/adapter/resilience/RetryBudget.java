package dev.strata.adapter.resilience;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Retries in proportion to calls, so an outage adds only a small share of extra load: every call earns
 * {@code ratio} of a retry, every retry spends one, and at most {@code maxSaved} retries are saved up for a burst.
 * Thread-safe.
 */
public final class RetryBudget {
    private static final long MILLI_TOKENS = 1000;

    private final long earnedPerCall;
    private final long cap;
    private final AtomicLong balance;

    public RetryBudget(double ratio, int maxSaved) {
        this.earnedPerCall = Math.round(ratio * MILLI_TOKENS);
        this.cap = maxSaved * MILLI_TOKENS;
        this.balance = new AtomicLong(cap);
    }

    void earn() {
        balance.accumulateAndGet(earnedPerCall, (held, earned) -> Math.min(cap, held + earned));
    }

    /** Takes one retry from the budget; false when it is spent. */
    boolean trySpend() {
        while (true) {
            long held = balance.get();
            if (held < MILLI_TOKENS) {
                return false;
            }
            if (balance.compareAndSet(held, held - MILLI_TOKENS)) {
                return true;
            }
        }
    }
}
