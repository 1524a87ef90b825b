package dev.strata.domain;

/** The write would take the user past one of the tier's per-user quotas. */
public final class QuotaExceededException extends StrataException {
    public QuotaExceededException(String message) {
        super(message);
    }
}
