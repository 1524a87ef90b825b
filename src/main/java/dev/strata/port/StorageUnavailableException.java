package dev.strata.port;

/** A dependency (database, blob store, cache, queue) did not answer in time or refused; clients get 503. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
