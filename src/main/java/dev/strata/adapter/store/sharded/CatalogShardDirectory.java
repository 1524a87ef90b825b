package dev.strata.adapter.store.sharded;

import com.zaxxer.hikari.HikariDataSource;
import dev.strata.adapter.store.jdbc.JdbcPool;
import dev.strata.adapter.store.jdbc.JdbcSettings;
import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.ShardRouter;
import dev.strata.port.ShardDirectory;
import dev.strata.port.StorageUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket directory, kept in the {@code strata_catalog} schema of the first shard apart from user data. The first
 * start writes version 1 (buckets spread evenly over the configured URLs, shard ids {@code shard-0..N-1}); every
 * process loads the newest version and polls for a newer one, keeping the last one it read while the catalog is
 * unreachable. The catalog's pool has the shards' connect, socket and statement timeouts, so a frozen first shard
 * fails each read within them and the polling goes on.
 */
public final class CatalogShardDirectory implements ShardDirectory {
    private static final Logger log = LoggerFactory.getLogger(CatalogShardDirectory.class);
    /** Serialises first starts of several replicas: only one writes version 1. */
    private static final long INIT_LOCK = 0x5354524154414cL;
    /** The poller and a request's refresh after a bucket moved. */
    private static final int CATALOG_POOL_SIZE = 2;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final DirectoryFreshness freshness;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "strata-directory-poll");
        t.setDaemon(true);
        return t;
    });
    private volatile ShardRouter router;
    private volatile Map<String, String> shardUrls;

    private CatalogShardDirectory(HikariDataSource dataSource, DirectoryFreshness freshness) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.freshness = freshness;
    }

    /**
     * Migrates the catalog, writes version 1 when there is none, loads the newest version and starts polling. Fails
     * with {@link StorageUnavailableException} when the catalog does not answer within the settings' timeouts.
     */
    public static CatalogShardDirectory open(ShardedSettings settings, MeterRegistry registry, Clock clock) {
        CatalogShardDirectory directory = new CatalogShardDirectory(catalogPool(settings, registry),
                new DirectoryFreshness(clock, registry));
        try {
            directory.loadFirst(settings, clock);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        long poll = settings.directoryPollInterval().toMillis();
        directory.poller.scheduleWithFixedDelay(directory::poll, poll, poll, TimeUnit.MILLISECONDS);
        return directory;
    }

    /** The shards' pool and timeout rules: a frozen first shard fails a read of the directory instead of holding it. */
    private static HikariDataSource catalogPool(ShardedSettings settings, MeterRegistry registry) {
        return JdbcPool.open(new JdbcSettings("catalog", settings.urls().get(0), settings.user(), settings.password(),
                CATALOG_POOL_SIZE, settings.connectTimeout(), settings.statementTimeout()), registry);
    }

    private void loadFirst(ShardedSettings settings, Clock clock) {
        try {
            DirectoryCatalog.migrate(dataSource);
            initialise(settings.urls(), settings.buckets(), clock);
            load();
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("cannot read the bucket directory from its catalog on the first shard"
                    + " (the first URL of store.urls); a process cannot start without it: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        BucketAssignment loaded = router.assignment();
        freshness.read(loaded.version());
        if (loaded.buckets() != settings.buckets()) {
            throw new IllegalStateException("store.buckets: the directory has " + loaded.buckets()
                    + " buckets but the tier file says " + settings.buckets()
                    + "; the bucket count is fixed for a deployment");
        }
    }

    @Override
    public ShardRouter router() {
        return router;
    }

    @Override
    public Map<String, String> shardUrls() {
        return shardUrls;
    }

    @Override
    public boolean isStale() {
        return freshness.isStale();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        dataSource.close();
    }

    private void initialise(List<String> urls, int buckets, Clock clock) {
        jdbi.useTransaction(h -> {
            h.execute("SELECT pg_advisory_xact_lock(?)", INIT_LOCK);
            if (DirectoryCatalog.newestVersion(h).isPresent()) {
                return;
            }
            List<String> ids = IntStream.range(0, urls.size()).mapToObj(i -> "shard-" + i).toList();
            for (int i = 0; i < urls.size(); i++) {
                DirectoryCatalog.addShard(h, ids.get(i), urls.get(i));
            }
            DirectoryCatalog.insert(h, BucketAssignment.even(buckets, ids), clock.millis());
            log.info("bucket directory version 1: {} buckets over {}", buckets, ids);
        });
    }

    private void poll() {
        readCatalog(() -> {
            long current = router.assignment().version();
            if (jdbi.withHandle(DirectoryCatalog::newestVersion).orElse(current) > current) {
                load();
            }
        });
    }

    @Override
    public void refresh() {
        readCatalog(this::load);
    }

    /** Any exception counts as a failed read: one escaping the scheduled poll would end the polling for good. */
    private void readCatalog(Runnable read) {
        try {
            read.run();
            freshness.read(router.assignment().version());
        } catch (RuntimeException e) {
            freshness.failed(router.assignment().version(), e);
        }
    }

    /** Shard URLs first: a router must never name a shard whose URL this process does not know yet. */
    private synchronized void load() {
        jdbi.useHandle(h -> {
            BucketAssignment newest = DirectoryCatalog.newest(h);
            ShardRouter current = router;
            if (current != null && current.assignment().version() >= newest.version()) {
                return;
            }
            this.shardUrls = DirectoryCatalog.shardUrls(h);
            this.router = new ShardRouter(newest);
            log.info("bucket directory now at version {}", newest.version());
        });
    }
}
