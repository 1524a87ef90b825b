package dev.strata.config;

import java.time.Duration;

/**
 * How calls to the database and the blob store fail fast and retry. Each dependency has its own circuit breaker:
 * it opens when {@code breakerFailureRate} percent of its last 20 calls (at least 5) failed, refuses calls at once
 * (clients get 503 with {@code Retry-After}) for {@code breakerOpenFor}, then lets 3 trial calls through.
 * Only idempotent calls (database reads, blob reads and deletes) are retried, with capped exponential backoff and
 * full jitter, and only while the retry budget lasts.
 *
 * @param breakerFailureRate percent of recent calls that must fail to open a breaker (default 50)
 * @param breakerOpenFor     how long an open breaker refuses calls before trying again (default 2s)
 * @param retryAttempts      most attempts of one idempotent call, the first included; 1 turns retries off (default 3)
 * @param retryBaseDelay     backoff before the first retry is drawn from [0, this] (default 20ms)
 * @param retryMaxDelay      cap of the doubling backoff (default 200ms)
 * @param retryBudget        retries allowed per call on average, so an outage adds about this share of calls
 *                           (default 0.1); a burst may spend up to 10 saved-up retries
 */
public record ResilienceConfig(Integer breakerFailureRate, Duration breakerOpenFor, Integer retryAttempts,
                               Duration retryBaseDelay, Duration retryMaxDelay, Double retryBudget) {
    public ResilienceConfig {
        breakerFailureRate = breakerFailureRate == null ? 50 : breakerFailureRate;
        ConfigException.require(breakerFailureRate > 0 && breakerFailureRate <= 100, "resilience.breakerFailureRate",
                "must be a percentage between 1 and 100");
        breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(2) : breakerOpenFor;
        ConfigException.require(!breakerOpenFor.isNegative() && !breakerOpenFor.isZero(), "resilience.breakerOpenFor", "must be positive");
        retryAttempts = retryAttempts == null ? 3 : retryAttempts;
        ConfigException.require(retryAttempts >= 1, "resilience.retryAttempts", "must be at least 1");
        retryBaseDelay = retryBaseDelay == null ? Duration.ofMillis(20) : retryBaseDelay;
        retryMaxDelay = retryMaxDelay == null ? Duration.ofMillis(200) : retryMaxDelay;
        ConfigException.require(!retryBaseDelay.isNegative() && retryMaxDelay.compareTo(retryBaseDelay) >= 0,
                "resilience.retryMaxDelay", "must be at least retryBaseDelay");
        retryBudget = retryBudget == null ? 0.1 : retryBudget;
        ConfigException.require(retryBudget >= 0 && retryBudget <= 1, "resilience.retryBudget", "must be between 0 and 1");
    }

    static ResilienceConfig defaults() {
        return new ResilienceConfig(null, null, null, null, null, null);
    }
}
