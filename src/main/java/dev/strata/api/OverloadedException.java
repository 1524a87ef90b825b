package dev.strata.api;

/** The server is at its concurrency bound; the request is refused at once rather than queued. */
final class OverloadedException extends RuntimeException {
    OverloadedException() {
        super("server is at its concurrency limit; retry shortly", null, false, false);
    }
}
