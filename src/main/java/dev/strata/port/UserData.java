package dev.strata.port;

import dev.strata.domain.BlobMetadata;
import dev.strata.domain.BlobName;
import dev.strata.domain.ErasedData;
import dev.strata.domain.IdempotencyEntry;
import dev.strata.domain.RecordKey;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.Usage;
import java.util.List;
import java.util.Optional;

/**
 * One user's metadata inside one transaction of a {@link RecordStore}. Valid only inside the callback that
 * received it; not thread-safe. Every method touches this user's rows only.
 */
public interface UserData {

    Optional<StoredRecord> findRecord(RecordKey key);

    void insertRecord(StoredRecord record);

    void updateRecord(StoredRecord record);

    void deleteRecord(RecordKey key);

    /**
     * Stores {@code record} exactly as given, version and both timestamps included, inserting or replacing the
     * row of its key. For copying between stores: calling it again with the same record changes nothing.
     * Usage is not touched; copy it with {@link #saveUsage}.
     */
    void importRecord(StoredRecord record);

    /** Records whose key starts with {@code prefix} and sorts after {@code afterKey} (null: from the start), by key. */
    List<StoredRecord> listRecords(String prefix, String afterKey, int limit);

    Optional<BlobMetadata> findBlob(BlobName name);

    void insertBlob(BlobMetadata blob);

    void updateBlob(BlobMetadata blob);

    void deleteBlob(BlobName name);

    /**
     * Stores {@code blob}'s metadata exactly as given (storage key, version and timestamps included), inserting
     * or replacing the row of its name; the bytes must already be in the blob store under its storage key.
     * Calling it again with the same metadata changes nothing.
     */
    void importBlob(BlobMetadata blob);

    List<BlobMetadata> listBlobs(String prefix, String afterName, int limit);

    /** The user's totals; inside {@link RecordStore#write} the row is locked until the transaction ends. */
    Usage usage();

    void saveUsage(Usage usage);

    Optional<IdempotencyEntry> findIdempotencyKey(String key);

    /** Inserts or replaces the entry for {@code entry.key()}. */
    void saveIdempotencyKey(IdempotencyEntry entry);

    void deleteIdempotencyKey(String key);

    /** Up to {@code limit} of the user's idempotency entries whose key sorts after {@code afterKey} (null: from the start), by key. */
    List<IdempotencyEntry> listIdempotencyKeys(String afterKey, int limit);

    /** The status record of a queued write's request id. */
    Optional<RequestStatus> findRequest(String requestId);

    /**
     * The status record of a request id, locked until the transaction ends, so no expiry changes it meanwhile (an
     * expiry that got there first is seen).
     */
    Optional<RequestStatus> lockRequest(String requestId);

    /** Inserts the status unless the request id already has one (a worker may have got there first). */
    void insertRequestIfAbsent(RequestStatus status);

    /** Inserts or replaces the status of {@code status.requestId()}. */
    void saveRequest(RequestStatus status);

    /** Deletes the request's status only while it is still queued (a message the queue refused). */
    void deleteQueuedRequest(String requestId);

    /** How many of the user's writes are queued and not yet applied. */
    long queuedRequests();

    /** Status records changed after {@code afterMicros}, oldest change first. */
    List<RequestStatus> requestsChangedAfter(long afterMicros, int limit);

    /**
     * Records that the request id has been applied, in the caller's transaction; false when it already was, so a
     * redelivered message is applied at most once.
     */
    boolean markApplied(String requestId, long nowMicros);

    /**
     * Deletes every record, blob row, usage row, idempotency key and request status of the user. Applied request ids
     * stay, so a message still queued for the user cannot be applied twice. Idempotent.
     */
    ErasedData eraseAll();
}
