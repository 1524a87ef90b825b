package dev.strata.domain;

/** A queued write was finally refused when the worker applied it; clients get the status the sync path would give. */
public final class QueuedWriteFailedException extends StrataException {
    private final FailureReason reason;

    public QueuedWriteFailedException(FailureReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
