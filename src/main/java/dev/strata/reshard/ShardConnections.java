package dev.strata.reshard;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strata.adapter.store.jdbc.JdbcRecordStore;
import dev.strata.adapter.store.sharded.DirectoryCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Small connection pools to the catalog and to each shard reshard touches; shards are migrated when opened. */
final class ShardConnections implements AutoCloseable {
    private static final int POOL_SIZE = 3;

    private final String user;
    private final String password;
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    private final Map<String, Jdbi> shards = new LinkedHashMap<>();
    private final Jdbi catalog;

    ShardConnections(String catalogUrl, String user, String password) {
        this.user = user;
        this.password = password;
        HikariDataSource catalogPool = pool("reshard-catalog", catalogUrl);
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
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(5000);
        return new HikariDataSource(hikari);
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}
