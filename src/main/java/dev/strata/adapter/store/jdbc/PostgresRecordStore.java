package dev.strata.adapter.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.UserId;
import dev.strata.port.RecordStore;
import dev.strata.port.StorageUnavailableException;
import dev.strata.port.UserData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store on one PostgreSQL primary, its pool sized from the connection budget, with an optional
 * streaming read replica. A read goes to the replica only while its measured lag is under the bound and the
 * user has not written through this process within that bound plus two polls (so the user's own write has
 * been replayed); anything else, and every read the replica fails, goes to the primary.
 */
public final class PostgresRecordStore implements RecordStore {
    private static final Logger log = LoggerFactory.getLogger(PostgresRecordStore.class);

    private final JdbcRecordStore primary;
    private final int connectionBudget;
    private final int replicas;
    private final JdbcRecordStore replica;
    private final ReadReplica replicaSettings;
    private final ReplicationLag lag;
    private final Cache<UserId, Boolean> recentWriters;
    private final ScheduledExecutorService poller;
    private final Counter replicaReads;
    private final Counter primaryReads;

    private PostgresRecordStore(JdbcRecordStore primary, int connectionBudget, int replicas, JdbcRecordStore replica,
                                ReadReplica replicaSettings, Clock clock, MeterRegistry registry) {
        this.primary = primary;
        this.connectionBudget = connectionBudget;
        this.replicas = replicas;
        this.replica = replica;
        this.replicaSettings = replicaSettings;
        this.replicaReads = Counter.builder("strata.store.reads").tag("target", "replica").register(registry);
        this.primaryReads = Counter.builder("strata.store.reads").tag("target", "primary").register(registry);
        if (replica == null) {
            this.lag = null;
            this.recentWriters = null;
            this.poller = null;
            return;
        }
        Duration poll = replicaSettings.pollInterval();
        this.lag = new ReplicationLag(clock, replicaSettings.maxLag().multipliedBy(4).plus(poll.multipliedBy(4)));
        this.recentWriters = Caffeine.newBuilder()
                .expireAfterWrite(replicaSettings.maxLag().plus(poll.multipliedBy(2)))
                .maximumSize(1_000_000)
                .build();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-replica-lag");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("strata.store.replica.lag.seconds", lag, l -> l.current().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
                .register(registry);
        poller.scheduleWithFixedDelay(this::measureLag, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the primary (migrating its schema) and, when given, the replica.
     *
     * @param connectionBudget connections the database allows all processes together
     * @param replicas         processes sharing the budget; {@code primary.poolSize()} is this process's share
     */
    public static PostgresRecordStore open(JdbcSettings primary, int connectionBudget, int replicas,
                                           Optional<ReadReplica> readReplica, Clock clock, MeterRegistry registry) {
        JdbcRecordStore primaryStore = JdbcRecordStore.open(primary, registry);
        JdbcRecordStore replicaStore = readReplica.map(r -> JdbcRecordStore.openReadOnly(r.settings(), registry)).orElse(null);
        return new PostgresRecordStore(primaryStore, connectionBudget, replicas, replicaStore, readReplica.orElse(null),
                clock, registry);
    }

    @Override
    public <T> T read(UserId user, Function<UserData, T> work) {
        if (replicaServes(user)) {
            try {
                T result = replica.read(user, work);
                replicaReads.increment();
                return result;
            } catch (StorageUnavailableException e) {
                lag.unknown();
                log.warn("read replica failed; reading from the primary until it is measured again: {}", e.getMessage());
            }
        }
        return readLatest(user, work);
    }

    @Override
    public <T> T readLatest(UserId user, Function<UserData, T> work) {
        primaryReads.increment();
        return primary.read(user, work);
    }

    @Override
    public <T> T write(UserId user, Function<UserData, T> work) {
        markWriter(user);
        try {
            return primary.write(user, work);
        } finally {
            markWriter(user);
        }
    }

    @Override
    public void insertRequestStatus(UserId user, RequestStatus status) {
        markWriter(user);
        primary.insertRequestStatus(user, status);
    }

    @Override
    public Set<String> referencedStorageKeys(Collection<String> storageKeys) {
        return primary.referencedStorageKeys(storageKeys);
    }

    @Override
    public int deleteExpiredIdempotencyKeys(long nowMicros) {
        return primary.deleteExpiredIdempotencyKeys(nowMicros);
    }

    @Override
    public int deleteFinishedRequests(long finishedBeforeMicros) {
        return primary.deleteFinishedRequests(finishedBeforeMicros);
    }

    @Override
    public int deleteAppliedRequests(long appliedBeforeMicros) {
        return primary.deleteAppliedRequests(appliedBeforeMicros);
    }

    @Override
    public int expireQueuedRequests(long queuedBeforeMicros, long nowMicros, String detail) {
        return primary.expireQueuedRequests(queuedBeforeMicros, nowMicros, detail);
    }

    @Override
    public List<UserId> listUsers(String afterUserId, int limit) {
        return primary.listUsers(afterUserId, limit);
    }

    /** The primary only: the replica is optional, and reads fall back from it. */
    @Override
    public boolean isHealthy() {
        return primary.isHealthy();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>(primary.describe());
        d.put("connectionBudget", connectionBudget);
        d.put("replicas", replicas);
        d.put("pool", primary.describe().get("poolSize"));
        if (replica != null) {
            Map<String, Object> r = new LinkedHashMap<>(replica.describe());
            r.put("maxLagMillis", replicaSettings.maxLag().toMillis());
            r.put("lagMillis", lag.current().map(Duration::toMillis).orElse(null));
            d.put("readReplica", r);
        }
        return d;
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
            replica.close();
        }
        primary.close();
    }

    private boolean replicaServes(UserId user) {
        return replica != null
                && recentWriters.getIfPresent(user) == null
                && lag.current().map(l -> l.compareTo(replicaSettings.maxLag()) < 0).orElse(false);
    }

    private void markWriter(UserId user) {
        if (recentWriters != null) {
            recentWriters.put(user, Boolean.TRUE);
        }
    }

    private void measureLag() {
        try {
            long primaryLsn = primary.queryOne("SELECT (pg_current_wal_lsn() - '0/0')::bigint", Long.class);
            Long replayed = replica.queryOne(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN (pg_last_wal_replay_lsn() - '0/0')::bigint END", Long.class);
            lag.observe(primaryLsn, replayed);
        } catch (RuntimeException e) {
            lag.unknown();
        }
    }
}
