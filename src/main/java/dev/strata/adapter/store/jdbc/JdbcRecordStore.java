package dev.strata.adapter.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.UserId;
import dev.strata.port.RecordStore;
import dev.strata.port.UserData;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** The metadata store on one database (H2 or PostgreSQL), migrated with Flyway at open. */
public final class JdbcRecordStore implements RecordStore {
    private static final int IN_LIST_BATCH = 500;
    /** Rows one sweep statement changes at most, so a sweep of a large backlog never holds a long transaction. */
    private static final int SWEEP_BATCH = 1000;

    private final JdbcSettings settings;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private JdbcRecordStore(JdbcSettings settings, HikariDataSource dataSource) {
        this(settings, dataSource, Jdbi.create(dataSource));
    }

    private JdbcRecordStore(JdbcSettings settings, HikariDataSource dataSource, Jdbi jdbi) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbi = jdbi;
    }

    /**
     * Opens the pool and brings the schema up to date. Jdbi's set-up needs no connection but loads a few hundred
     * classes, so it runs on its own thread while the migrations run.
     */
    public static JdbcRecordStore open(JdbcSettings settings, MeterRegistry registry) {
        HikariDataSource dataSource = JdbcPool.open(settings, registry);
        FutureTask<Jdbi> jdbi = new FutureTask<>(() -> Jdbi.create(dataSource));
        new Thread(jdbi, "strata-jdbi-setup").start();
        try {
            migrate(dataSource, settings.url());
            return new JdbcRecordStore(settings, dataSource, jdbi.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dataSource.close();
            throw new IllegalStateException("interrupted while opening " + settings.name(), e);
        } catch (ExecutionException e) {
            dataSource.close();
            throw new IllegalStateException("cannot set up Jdbi for " + settings.name(), e.getCause());
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** Brings the user-data schema of the database at {@code url} up to date. */
    public static void migrate(DataSource dataSource, String url) {
        if (SchemaVersion.isNewest(dataSource)) {
            return;
        }
        Flyway.configure()
                .dataSource(dataSource)
                .placeholders(SqlDialect.of(url).migrationPlaceholders())
                .load()
                .migrate();
    }

    /** Opens the pool of a read-only copy (a streaming replica), whose schema follows its primary's. */
    static JdbcRecordStore openReadOnly(JdbcSettings settings, MeterRegistry registry) {
        return new JdbcRecordStore(settings, JdbcPool.openReadOnly(settings, registry));
    }

    /**
     * Opens a database to copy from without changing it: the schema is validated against this build's
     * migrations but never migrated, and connections are read-only (PostgreSQL then refuses every write).
     */
    public static JdbcRecordStore openSource(JdbcSettings settings, MeterRegistry registry) {
        HikariDataSource dataSource = JdbcPool.openReadOnly(settings, registry);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .placeholders(SqlDialect.of(settings.url()).migrationPlaceholders())
                    .load()
                    .validate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new JdbcRecordStore(settings, dataSource);
    }

    /** Statements run in autocommit: a single-row read costs one round trip, not BEGIN, SELECT and COMMIT. */
    @Override
    public <T> T read(UserId user, Function<UserData, T> work) {
        return read(user, TransactionGuard.NONE, work);
    }

    @Override
    public <T> T write(UserId user, Function<UserData, T> work) {
        return write(user, TransactionGuard.NONE, work);
    }

    /** {@link #read(UserId, Function)} with {@code guard} run first on the same connection. */
    public <T> T read(UserId user, TransactionGuard guard, Function<UserData, T> work) {
        return call(() -> jdbi.withHandle(handle -> {
            guard.enter(handle);
            return work.apply(new JdbcUserData(handle, user));
        }));
    }

    /** {@link #write(UserId, Function)} with {@code guard} run first in the same transaction, before the usage lock. */
    public <T> T write(UserId user, TransactionGuard guard, Function<UserData, T> work) {
        return call(() -> jdbi.inTransaction(handle -> {
            guard.enter(handle);
            return work.apply(JdbcUserData.lockingUsage(handle, user));
        }));
    }

    @Override
    public void insertRequestStatus(UserId user, RequestStatus status) {
        insertRequestStatus(user, TransactionGuard.NONE, status);
    }

    /** {@link #insertRequestStatus(UserId, RequestStatus)} with {@code guard} run first in the same transaction. */
    public void insertRequestStatus(UserId user, TransactionGuard guard, RequestStatus status) {
        call(() -> jdbi.inTransaction(handle -> {
            guard.enter(handle);
            new JdbcUserData(handle, user).insertRequestIfAbsent(status);
            return null;
        }));
    }

    @Override
    public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
        Set<String> referenced = new HashSet<>();
        List<String> keys = List.copyOf(storageKeys);
        for (int from = 0; from < keys.size(); from += IN_LIST_BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + IN_LIST_BATCH));
            referenced.addAll(call(() -> jdbi.withHandle(h -> h.createQuery("SELECT storage_key FROM blobs WHERE storage_key IN (<keys>)")
                    .bindList("keys", batch).mapTo(String.class).list())));
        }
        return referenced;
    }

    @Override
    public int deleteExpiredIdempotencyKeys(long nowMicros) {
        return sweep(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE (user_id, idem_key) IN ("
                        + " SELECT user_id, idem_key FROM idempotency_keys WHERE expires_at < :now LIMIT :batch)")
                .bind("now", nowMicros).bind("batch", SWEEP_BATCH).execute());
    }

    @Override
    public int deleteFinishedRequests(long finishedBeforeMicros) {
        return sweep(h -> h.createUpdate("DELETE FROM request_status WHERE (user_id, request_id) IN ("
                        + " SELECT user_id, request_id FROM request_status WHERE status IN ('PERSISTED', 'FAILED')"
                        + " AND updated_at < :before LIMIT :batch)")
                .bind("before", finishedBeforeMicros).bind("batch", SWEEP_BATCH).execute());
    }

    @Override
    public int deleteAppliedRequests(long appliedBeforeMicros) {
        return sweep(h -> h.createUpdate("DELETE FROM applied_requests WHERE (user_id, request_id) IN ("
                        + " SELECT user_id, request_id FROM applied_requests WHERE applied_at < :before LIMIT :batch)")
                .bind("before", appliedBeforeMicros).bind("batch", SWEEP_BATCH).execute());
    }

    @Override
    public int expireQueuedRequests(long queuedBeforeMicros, long nowMicros, String detail) {
        // the outer status condition is checked again on the row the update locks: a worker's outcome stands
        return sweep(h -> h.createUpdate("UPDATE request_status SET status = 'FAILED', failure_reason = 'EXPIRED',"
                        + " failure_detail = :detail, updated_at = :now WHERE status = 'QUEUED' AND (user_id, request_id) IN ("
                        + " SELECT user_id, request_id FROM request_status WHERE status = 'QUEUED'"
                        + " AND updated_at < :before LIMIT :batch)")
                .bind("detail", detail).bind("now", nowMicros).bind("before", queuedBeforeMicros)
                .bind("batch", SWEEP_BATCH).execute());
    }

    /** Runs a batch statement, each run in autocommit, until one changes less than a full batch; returns the total. */
    private int sweep(Function<Handle, Integer> batch) {
        int total = 0;
        int changed;
        do {
            changed = call(() -> jdbi.withHandle(batch::apply));
            total += changed;
        } while (changed == SWEEP_BATCH);
        return total;
    }

    @Override
    public List<UserId> listUsers(String afterUserId, int limit) {
        String bytewise = SqlDialect.of(settings.url()).bytewise();
        return call(() -> jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM ("
                        + " SELECT user_id FROM usage UNION SELECT user_id FROM records"
                        + " UNION SELECT user_id FROM blobs UNION SELECT user_id FROM idempotency_keys) AS holders"
                        + " WHERE user_id " + bytewise + " > :after ORDER BY user_id " + bytewise + " LIMIT :limit")
                .bind("after", afterUserId == null ? "" : afterUserId).bind("limit", limit)
                .map((rs, ctx) -> new UserId(rs.getString(1))).list()));
    }

    @Override
    public boolean isHealthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (JdbiException e) {
            return false;
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", settings.name());
        d.put("dialect", SqlDialect.of(settings.url()).name().toLowerCase(java.util.Locale.ROOT));
        d.put("url", settings.url().replaceAll("(?i)(password=)[^;&]*", "$1***"));
        d.put("poolSize", settings.poolSize());
        d.put("activeConnections", dataSource.getHikariPoolMXBean() == null ? 0 : dataSource.getHikariPoolMXBean().getActiveConnections());
        return d;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** One value from a statement outside any user's transaction (for monitoring queries). */
    <T> T queryOne(String sql, Class<T> type) {
        return call(() -> jdbi.withHandle(h -> h.createQuery(sql).mapTo(type).one()));
    }

    private <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw SqlFailures.translate(settings.name(), e);
        }
    }
}
