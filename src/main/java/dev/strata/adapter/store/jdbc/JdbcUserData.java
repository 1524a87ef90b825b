package dev.strata.adapter.store.jdbc;

import dev.strata.domain.BlobMetadata;
import dev.strata.domain.BlobName;
import dev.strata.domain.ErasedData;
import dev.strata.domain.IdempotencyEntry;
import dev.strata.domain.FailureReason;
import dev.strata.domain.RecordKey;
import dev.strata.domain.RequestState;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.Usage;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteOperation;
import dev.strata.port.UserData;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** One user's rows through one Jdbi handle; the SQL runs on H2 (PostgreSQL mode) and PostgreSQL alike. */
final class JdbcUserData implements UserData {
    private static final String RECORD_COLUMNS = "record_key, value_json, version, created_at, updated_at";
    private static final String BLOB_COLUMNS =
            "blob_name, storage_key, size_bytes, sha256, content_type, version, created_at, updated_at";
    private static final String IDEMPOTENCY_COLUMNS = "idem_key, fingerprint, completed, payload, lease_until, expires_at";

    private static final String REQUEST_COLUMNS = "request_id, operation, fingerprint, status, result_json,"
            + " failure_reason, failure_detail, created_at, updated_at";

    private final Handle handle;
    private final UserId user;
    /** The usage row as this transaction locked and last saved it; null when the row is not locked. */
    private Usage lockedUsage;

    JdbcUserData(Handle handle, UserId user) {
        this.handle = handle;
        this.user = user;
    }

    /** For a write transaction: the user's usage row, created when absent, is locked until the transaction ends. */
    static JdbcUserData lockingUsage(Handle handle, UserId user) {
        JdbcUserData data = new JdbcUserData(handle, user);
        data.lockedUsage = data.selectUsageForUpdate().orElseGet(() -> {
            handle.createUpdate("INSERT INTO usage (user_id) VALUES (:u) ON CONFLICT DO NOTHING")
                    .bind("u", user.value()).execute();
            return data.selectUsageForUpdate().orElseThrow();
        });
        return data;
    }

    @Override
    public Optional<StoredRecord> findRecord(RecordKey key) {
        return handle.createQuery("SELECT " + RECORD_COLUMNS + " FROM records WHERE user_id = :u AND record_key = :k")
                .bind("u", user.value()).bind("k", key.value())
                .map((rs, ctx) -> toRecord(rs))
                .findOne();
    }

    @Override
    public void insertRecord(StoredRecord r) {
        handle.createUpdate("INSERT INTO records (user_id, record_key, value_json, value_bytes, version, created_at, updated_at)"
                        + " VALUES (:u, :k, :v, :b, :ver, :c, :m)")
                .bind("u", user.value()).bind("k", r.key().value()).bind("v", r.value()).bind("b", r.valueBytes())
                .bind("ver", r.version()).bind("c", r.createdAtMicros()).bind("m", r.updatedAtMicros())
                .execute();
    }

    @Override
    public void updateRecord(StoredRecord r) {
        handle.createUpdate("UPDATE records SET value_json = :v, value_bytes = :b, version = :ver, updated_at = :m"
                        + " WHERE user_id = :u AND record_key = :k")
                .bind("u", user.value()).bind("k", r.key().value()).bind("v", r.value()).bind("b", r.valueBytes())
                .bind("ver", r.version()).bind("m", r.updatedAtMicros())
                .execute();
    }

    @Override
    public void deleteRecord(RecordKey key) {
        handle.createUpdate("DELETE FROM records WHERE user_id = :u AND record_key = :k")
                .bind("u", user.value()).bind("k", key.value()).execute();
    }

    @Override
    public void importRecord(StoredRecord r) {
        int replaced = handle.createUpdate("UPDATE records SET value_json = :v, value_bytes = :b, version = :ver,"
                        + " created_at = :c, updated_at = :m WHERE user_id = :u AND record_key = :k")
                .bind("u", user.value()).bind("k", r.key().value()).bind("v", r.value()).bind("b", r.valueBytes())
                .bind("ver", r.version()).bind("c", r.createdAtMicros()).bind("m", r.updatedAtMicros())
                .execute();
        if (replaced == 0) {
            insertRecord(r);
        }
    }

    @Override
    public List<StoredRecord> listRecords(String prefix, String afterKey, int limit) {
        return handle.createQuery("SELECT " + RECORD_COLUMNS + " FROM records WHERE user_id = :u"
                        + " AND record_key LIKE :pattern ESCAPE '\\' AND record_key > :after ORDER BY record_key LIMIT :limit")
                .bind("u", user.value()).bind("pattern", likePrefix(prefix)).bind("after", afterKey == null ? "" : afterKey)
                .bind("limit", limit)
                .map((rs, ctx) -> toRecord(rs))
                .list();
    }

    @Override
    public Optional<BlobMetadata> findBlob(BlobName name) {
        return handle.createQuery("SELECT " + BLOB_COLUMNS + " FROM blobs WHERE user_id = :u AND blob_name = :n")
                .bind("u", user.value()).bind("n", name.value())
                .map((rs, ctx) -> toBlob(rs))
                .findOne();
    }

    @Override
    public void insertBlob(BlobMetadata b) {
        handle.createUpdate("INSERT INTO blobs (user_id, " + BLOB_COLUMNS + ")"
                        + " VALUES (:u, :n, :sk, :size, :sha, :ct, :ver, :c, :m)")
                .bind("u", user.value()).bind("n", b.name().value()).bind("sk", b.storageKey()).bind("size", b.size())
                .bind("sha", b.sha256()).bind("ct", b.contentType()).bind("ver", b.version())
                .bind("c", b.createdAtMicros()).bind("m", b.updatedAtMicros())
                .execute();
    }

    @Override
    public void updateBlob(BlobMetadata b) {
        handle.createUpdate("UPDATE blobs SET storage_key = :sk, size_bytes = :size, sha256 = :sha, content_type = :ct,"
                        + " version = :ver, updated_at = :m WHERE user_id = :u AND blob_name = :n")
                .bind("u", user.value()).bind("n", b.name().value()).bind("sk", b.storageKey()).bind("size", b.size())
                .bind("sha", b.sha256()).bind("ct", b.contentType()).bind("ver", b.version()).bind("m", b.updatedAtMicros())
                .execute();
    }

    @Override
    public void deleteBlob(BlobName name) {
        handle.createUpdate("DELETE FROM blobs WHERE user_id = :u AND blob_name = :n")
                .bind("u", user.value()).bind("n", name.value()).execute();
    }

    @Override
    public void importBlob(BlobMetadata b) {
        int replaced = handle.createUpdate("UPDATE blobs SET storage_key = :sk, size_bytes = :size, sha256 = :sha,"
                        + " content_type = :ct, version = :ver, created_at = :c, updated_at = :m"
                        + " WHERE user_id = :u AND blob_name = :n")
                .bind("u", user.value()).bind("n", b.name().value()).bind("sk", b.storageKey()).bind("size", b.size())
                .bind("sha", b.sha256()).bind("ct", b.contentType()).bind("ver", b.version())
                .bind("c", b.createdAtMicros()).bind("m", b.updatedAtMicros())
                .execute();
        if (replaced == 0) {
            insertBlob(b);
        }
    }

    @Override
    public List<BlobMetadata> listBlobs(String prefix, String afterName, int limit) {
        return handle.createQuery("SELECT " + BLOB_COLUMNS + " FROM blobs WHERE user_id = :u"
                        + " AND blob_name LIKE :pattern ESCAPE '\\' AND blob_name > :after ORDER BY blob_name LIMIT :limit")
                .bind("u", user.value()).bind("pattern", likePrefix(prefix)).bind("after", afterName == null ? "" : afterName)
                .bind("limit", limit)
                .map((rs, ctx) -> toBlob(rs))
                .list();
    }

    @Override
    public Usage usage() {
        if (lockedUsage != null) {
            return lockedUsage;
        }
        return selectUsage("").orElse(Usage.NONE);
    }

    private Optional<Usage> selectUsageForUpdate() {
        return selectUsage(" FOR UPDATE");
    }

    private Optional<Usage> selectUsage(String lockClause) {
        return handle.createQuery("SELECT records, record_bytes, blobs, blob_bytes FROM usage WHERE user_id = :u" + lockClause)
                .bind("u", user.value())
                .map((rs, ctx) -> new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .findOne();
    }

    @Override
    public void saveUsage(Usage usage) {
        handle.createUpdate("UPDATE usage SET records = :r, record_bytes = :rb, blobs = :b, blob_bytes = :bb WHERE user_id = :u")
                .bind("u", user.value()).bind("r", usage.records()).bind("rb", usage.recordBytes())
                .bind("b", usage.blobs()).bind("bb", usage.blobBytes())
                .execute();
        if (lockedUsage != null) {
            lockedUsage = usage;
        }
    }

    @Override
    public Optional<IdempotencyEntry> findIdempotencyKey(String key) {
        return handle.createQuery("SELECT " + IDEMPOTENCY_COLUMNS + " FROM idempotency_keys WHERE user_id = :u AND idem_key = :k")
                .bind("u", user.value()).bind("k", key)
                .map((rs, ctx) -> toIdempotencyEntry(rs))
                .findOne();
    }

    @Override
    public List<IdempotencyEntry> listIdempotencyKeys(String afterKey, int limit) {
        return handle.createQuery("SELECT " + IDEMPOTENCY_COLUMNS + " FROM idempotency_keys WHERE user_id = :u"
                        + " AND idem_key > :after ORDER BY idem_key LIMIT :limit")
                .bind("u", user.value()).bind("after", afterKey == null ? "" : afterKey).bind("limit", limit)
                .map((rs, ctx) -> toIdempotencyEntry(rs))
                .list();
    }

    @Override
    public void saveIdempotencyKey(IdempotencyEntry e) {
        deleteIdempotencyKey(e.key());
        handle.createUpdate("INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, completed, payload, lease_until, expires_at)"
                        + " VALUES (:u, :k, :f, :c, :p, :l, :e)")
                .bind("u", user.value()).bind("k", e.key()).bind("f", e.fingerprint()).bind("c", e.completed())
                .bind("p", e.payload()).bind("l", e.leaseUntilMicros()).bind("e", e.expiresAtMicros())
                .execute();
    }

    @Override
    public void deleteIdempotencyKey(String key) {
        handle.createUpdate("DELETE FROM idempotency_keys WHERE user_id = :u AND idem_key = :k")
                .bind("u", user.value()).bind("k", key).execute();
    }

    @Override
    public Optional<RequestStatus> findRequest(String requestId) {
        return selectRequest(requestId, "");
    }

    @Override
    public Optional<RequestStatus> lockRequest(String requestId) {
        return selectRequest(requestId, " FOR UPDATE");
    }

    private Optional<RequestStatus> selectRequest(String requestId, String lockClause) {
        return handle.createQuery("SELECT " + REQUEST_COLUMNS + " FROM request_status WHERE user_id = :u AND request_id = :r"
                        + lockClause)
                .bind("u", user.value()).bind("r", requestId)
                .map((rs, ctx) -> toRequest(rs))
                .findOne();
    }

    @Override
    public void insertRequestIfAbsent(RequestStatus s) {
        handle.createUpdate("INSERT INTO request_status (user_id, " + REQUEST_COLUMNS + ")"
                        + " VALUES (:u, :r, :op, :f, :st, :res, :reason, :detail, :c, :m) ON CONFLICT DO NOTHING")
                .bind("u", user.value()).bind("r", s.requestId()).bind("op", s.operation().name()).bind("f", s.fingerprint())
                .bind("st", s.state().name()).bind("res", s.resultJson())
                .bind("reason", s.failureReason() == null ? null : s.failureReason().name()).bind("detail", s.failureDetail())
                .bind("c", s.createdAtMicros()).bind("m", s.updatedAtMicros())
                .execute();
    }

    @Override
    public void saveRequest(RequestStatus status) {
        handle.createUpdate("DELETE FROM request_status WHERE user_id = :u AND request_id = :r")
                .bind("u", user.value()).bind("r", status.requestId()).execute();
        insertRequestIfAbsent(status);
    }

    @Override
    public void deleteQueuedRequest(String requestId) {
        handle.createUpdate("DELETE FROM request_status WHERE user_id = :u AND request_id = :r AND status = 'QUEUED'")
                .bind("u", user.value()).bind("r", requestId).execute();
    }

    @Override
    public long queuedRequests() {
        return handle.createQuery("SELECT count(*) FROM request_status WHERE user_id = :u AND status = 'QUEUED'")
                .bind("u", user.value()).mapTo(Long.class).one();
    }

    @Override
    public List<RequestStatus> requestsChangedAfter(long afterMicros, int limit) {
        return handle.createQuery("SELECT " + REQUEST_COLUMNS + " FROM request_status WHERE user_id = :u"
                        + " AND updated_at > :after ORDER BY updated_at LIMIT :limit")
                .bind("u", user.value()).bind("after", afterMicros).bind("limit", limit)
                .map((rs, ctx) -> toRequest(rs))
                .list();
    }

    @Override
    public boolean markApplied(String requestId, long nowMicros) {
        return handle.createUpdate("INSERT INTO applied_requests (user_id, request_id, applied_at) VALUES (:u, :r, :at)"
                        + " ON CONFLICT DO NOTHING")
                .bind("u", user.value()).bind("r", requestId).bind("at", nowMicros).execute() == 1;
    }

    @Override
    public ErasedData eraseAll() {
        List<String> storageKeys = handle.createQuery("SELECT storage_key FROM blobs WHERE user_id = :u")
                .bind("u", user.value()).mapTo(String.class).list();
        Usage usage = usage();
        long records = deleteAll("records");
        long blobs = deleteAll("blobs");
        deleteAll("usage");
        if (lockedUsage != null) {
            lockedUsage = Usage.NONE;
        }
        deleteAll("idempotency_keys");
        deleteAll("request_status");
        return new ErasedData(records, blobs, usage.recordBytes() + usage.blobBytes(), storageKeys);
    }

    private long deleteAll(String table) {
        return handle.createUpdate("DELETE FROM " + table + " WHERE user_id = :u").bind("u", user.value()).execute();
    }

    private StoredRecord toRecord(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredRecord(user, new RecordKey(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }

    private static RequestStatus toRequest(java.sql.ResultSet rs) throws java.sql.SQLException {
        String reason = rs.getString(6);
        return new RequestStatus(rs.getString(1), WriteOperation.valueOf(rs.getString(2)), rs.getString(3),
                RequestState.valueOf(rs.getString(4)), rs.getString(5), reason == null ? null : FailureReason.valueOf(reason),
                rs.getString(7), rs.getLong(8), rs.getLong(9));
    }

    private BlobMetadata toBlob(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new BlobMetadata(user, new BlobName(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
    }

    private static IdempotencyEntry toIdempotencyEntry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new IdempotencyEntry(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getLong(5), rs.getLong(6));
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
