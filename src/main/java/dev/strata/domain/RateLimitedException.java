package dev.strata.domain;

import java.time.Duration;

/** The user sent more requests than the tier allows; {@link #retryAfter()} says when to try again. */
public final class RateLimitedException extends StrataException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("too many requests; retry later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
