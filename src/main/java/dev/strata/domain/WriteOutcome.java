package dev.strata.domain;

/** What became of a write: applied at once with its result, or queued under a request id to be applied later. */
public sealed interface WriteOutcome<R> {

    record Applied<R>(R result) implements WriteOutcome<R> {
    }

    record Queued<R>(String requestId) implements WriteOutcome<R> {
    }
}
