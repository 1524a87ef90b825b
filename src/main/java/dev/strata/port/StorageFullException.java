package dev.strata.port;

/** The blob store or database has no room left; clients get 507 and nothing is changed. */
public final class StorageFullException extends RuntimeException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
