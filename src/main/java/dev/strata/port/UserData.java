package dev.strata.port;

import dev.strata.domain.BlobMetadata;
import dev.strata.domain.BlobName;
import dev.strata.domain.ErasedData;
import dev.strata.domain.IdempotencyEntry;
import dev.strata.domain.RecordKey;
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

    /** Records whose key starts with {@code prefix} and sorts after {@code afterKey} (null: from the start), by key. */
    List<StoredRecord> listRecords(String prefix, String afterKey, int limit);

    Optional<BlobMetadata> findBlob(BlobName name);

    void insertBlob(BlobMetadata blob);

    void updateBlob(BlobMetadata blob);

    void deleteBlob(BlobName name);

    List<BlobMetadata> listBlobs(String prefix, String afterName, int limit);

    /** The user's totals; inside {@link RecordStore#write} the row is locked until the transaction ends. */
    Usage usage();

    void saveUsage(Usage usage);

    Optional<IdempotencyEntry> findIdempotencyKey(String key);

    /** Inserts or replaces the entry for {@code entry.key()}. */
    void saveIdempotencyKey(IdempotencyEntry entry);

    void deleteIdempotencyKey(String key);

    /** Deletes every record, blob row, usage row and idempotency key of the user. Idempotent. */
    ErasedData eraseAll();
}
