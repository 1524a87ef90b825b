package dev.strata.reshard;

import com.zaxxer.hikari.HikariDataSource;
import dev.strata.adapter.store.jdbc.JdbcPool;
import dev.strata.adapter.store.jdbc.JdbcRecordStore;
import dev.strata.adapter.store.jdbc.JdbcSettings;
import dev.strata.adapter.store.sharded.DirectoryCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Small connection pools to the catalog and to each shard reshard touches; shards are migrated when opened. They
 * have the service's pool timeouts, so a frozen or unreachable shard fails reshard (which a rerun resumes) instead of
 * holding it forever.
 */
final class ShardConnections implements AutoCloseable {
    private static final int POOL_SIZE = 3;

    private final ReshardRequest request;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    private final Map<String, Jdbi> shards = new LinkedHashMap<>();
    private final Jdbi catalog;

    ShardConnections(ReshardRequest request) {
        this.request = request;
        HikariDataSource catalogPool = pool("reshard-catalog", request.catalogUrl());
        pools.put("catalog", catalogPool);
        DirectoryCatalog.migrate(catalogPool);
        this.catalog = Jdbi.create(catalogPool);
    }

    Jdbi catalog() {
        return catalog;
    }

    /** Opens the shard (bringing its schema up to date) unless it is open already. */
    synchronized Jdbi open(String shardId, String url) {
        return shards.computeIfAbsent(shardId, id -> {
            HikariDataSource pool = pool("reshard-" + id, url);
            pools.put(id, pool);
            JdbcRecordStore.migrate(pool, url);
            return Jdbi.create(pool);
        });
    }

    synchronized Jdbi shard(String shardId) {
        Jdbi jdbi = shards.get(shardId);
        if (jdbi == null) {
            throw new IllegalStateException("shard " + shardId + " was not opened");
        }
        return jdbi;
    }

    private HikariDataSource pool(String name, String url) {
        return JdbcPool.open(new JdbcSettings(name, url, request.user(), request.password(), POOL_SIZE,
                request.connectTimeout(), request.statementTimeout()), registry);
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
        registry.close();
    }
}
