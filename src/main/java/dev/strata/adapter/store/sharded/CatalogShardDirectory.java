package dev.strata.adapter.store.sharded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.ShardRouter;
import dev.strata.port.ShardDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket directory, kept in the {@code strata_catalog} schema of the first shard apart from user data. The first
 * start writes version 1 (buckets spread evenly over the configured URLs, shard ids {@code shard-0..N-1}); every
 * process loads the newest version and polls for a newer one, keeping the last one it read while the catalog is
 * unreachable.
 */
public final class CatalogShardDirectory implements ShardDirectory {
    private static final Logger log = LoggerFactory.getLogger(CatalogShardDirectory.class);
    /** Serialises first starts of several replicas: only one writes version 1. */
    private static final long INIT_LOCK = 0x5354524154414cL;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "strata-directory-poll");
        t.setDaemon(true);
        return t;
    });
    private volatile ShardRouter router;
    private volatile Map<String, String> shardUrls;

    private CatalogShardDirectory(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Migrates the catalog, writes version 1 when there is none, loads the newest version and starts polling.
     *
     * @param urls the configured shard URLs in order; the first holds the catalog
     */
    public static CatalogShardDirectory open(List<String> urls, String user, String password, int buckets,
                                             Duration pollInterval, Clock clock) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("catalog");
        hikari.setJdbcUrl(urls.get(0));
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(2);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(2000);
        CatalogShardDirectory directory = new CatalogShardDirectory(new HikariDataSource(hikari));
        try {
            DirectoryCatalog.migrate(directory.dataSource);
            directory.initialise(urls, buckets, clock);
            directory.load();
            BucketAssignment loaded = directory.router.assignment();
            if (loaded.buckets() != buckets) {
                throw new IllegalStateException("store.buckets: the directory has " + loaded.buckets()
                        + " buckets but the tier file says " + buckets + "; the bucket count is fixed for a deployment");
            }
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        directory.poller.scheduleWithFixedDelay(directory::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return directory;
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
        try {
            long current = router.assignment().version();
            if (jdbi.withHandle(DirectoryCatalog::newestVersion).orElse(current) > current) {
                load();
            }
        } catch (JdbiException e) {
            log.warn("cannot read the bucket directory; keeping version {}", router.assignment().version(), e);
        }
    }

    @Override
    public void refresh() {
        try {
            load();
        } catch (JdbiException e) {
            log.warn("cannot read the bucket directory; keeping version {}", router.assignment().version(), e);
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
