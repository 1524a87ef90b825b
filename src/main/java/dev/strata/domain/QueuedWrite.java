package dev.strata.domain;

/**
 * A validated write travelling through the queue: everything the worker needs to apply it, and never blob bytes
 * (those are already in the blob store under {@code storageKey}). Fields a kind of write does not use are null or 0.
 *
 * @param target the record key or blob name
 */
public record QueuedWrite(String requestId, String userId, WriteOperation operation, String fingerprint, String target,
                          String value, String ifMatch, boolean createOnly, String storageKey, long size, String sha256,
                          String contentType) {

    public static QueuedWrite recordPut(WriteRequest r, RecordKey key, String value, WriteCondition condition) {
        return new QueuedWrite(r.requestId(), r.user().value(), WriteOperation.RECORD_PUT, r.fingerprint(), key.value(),
                value, condition.ifMatch(), condition.createOnly(), null, 0, null, null);
    }

    public static QueuedWrite recordDelete(WriteRequest r, RecordKey key, WriteCondition condition) {
        return new QueuedWrite(r.requestId(), r.user().value(), WriteOperation.RECORD_DELETE, r.fingerprint(), key.value(),
                null, condition.ifMatch(), condition.createOnly(), null, 0, null, null);
    }

    public static QueuedWrite blobPut(WriteRequest r, BlobName name, WriteCondition condition, String storageKey, long size,
                                      String sha256, String contentType) {
        return new QueuedWrite(r.requestId(), r.user().value(), WriteOperation.BLOB_PUT, r.fingerprint(), name.value(),
                null, condition.ifMatch(), condition.createOnly(), storageKey, size, sha256, contentType);
    }

    public static QueuedWrite blobDelete(WriteRequest r, BlobName name, WriteCondition condition) {
        return new QueuedWrite(r.requestId(), r.user().value(), WriteOperation.BLOB_DELETE, r.fingerprint(), name.value(),
                null, condition.ifMatch(), condition.createOnly(), null, 0, null, null);
    }

    public UserId user() {
        return new UserId(userId);
    }

    public WriteCondition condition() {
        return new WriteCondition(ifMatch, createOnly);
    }
}
