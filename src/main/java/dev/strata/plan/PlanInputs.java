package dev.strata.plan;

import dev.strata.config.ConfigException;

/**
 * What a team knows about its load, as {@code strata plan} takes it.
 *
 * @param users                   users of the deployment
 * @param requestsPerUserPerDay   API requests a user makes per day
 * @param peakFactor              peak rate over the daily average
 * @param recordBytes             average record value size
 * @param recordsPerUser          records a user keeps
 * @param blobBytesPerUser        blob bytes a user keeps
 * @param readRatio               share of requests that read (0..1)
 * @param hotFraction             share of the records read often: the hot data (0..1)
 * @param cacheFraction           share of the hot data the cache holds (the rule of thumb is 0.25)
 */
public record PlanInputs(long users, double requestsPerUserPerDay, double peakFactor, long recordBytes,
                         long recordsPerUser, long blobBytesPerUser, double readRatio, double hotFraction,
                         double cacheFraction) {

    public PlanInputs {
        require(users > 0, "--users", "must be positive");
        require(requestsPerUserPerDay > 0, "--requests-per-user-per-day", "must be positive");
        require(peakFactor >= 1, "--peak-factor", "must be at least 1");
        require(recordBytes > 0, "--record-bytes", "must be positive");
        require(recordsPerUser >= 0, "--records-per-user", "must not be negative");
        require(blobBytesPerUser >= 0, "--blob-bytes-per-user", "must not be negative");
        require(readRatio >= 0 && readRatio <= 1, "--read-ratio", "must be between 0 and 1");
        require(hotFraction > 0 && hotFraction <= 1, "--hot-fraction", "must be in (0, 1]");
        require(cacheFraction > 0 && cacheFraction <= 1, "--cache-fraction", "must be in (0, 1]");
    }

    private static void require(boolean condition, String option, String reason) {
        if (!condition) {
            throw new ConfigException(option + ": " + reason);
        }
    }
}
