package dev.strata.millions;

import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.domain.sharding.ShardRouter;
import dev.strata.testing.servers.PostgresServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Direct SQL on the shards, bypassing Strata: what the catalog says and which rows each shard holds. */
public final class ShardCatalog {
    private final PostgresServers shards;

    public ShardCatalog(PostgresServers shards) {
        this.shards = shards;
    }

    public ShardRouter router() {
        return query(0, """
                SELECT version, shard_ids, shard_indexes FROM strata_catalog.bucket_directory ORDER BY version DESC LIMIT 1""", rs -> {
            rs.next();
            return new ShardRouter(BucketAssignment.of(rs.getLong(1), List.of(rs.getString(2).split(",")),
                    Arrays.stream(rs.getString(3).split(",")).mapToInt(Integer::parseInt).toArray()));
        });
    }

    /** Inserts the next directory version, as reshard publishes one. */
    public void publish(BucketAssignment next) {
        update(0, "INSERT INTO strata_catalog.bucket_directory (version, buckets, shard_ids, shard_indexes, created_at) VALUES ("
                + next.version() + ", " + next.buckets() + ", '" + String.join(",", next.shardIds()) + "', '"
                + String.join(",", Arrays.stream(next.shardIndexByBucket()).mapToObj(Integer::toString).toList())
                + "', 0)");
    }

    /** The index of a shard id in the configured URLs (ids are shard-0..N-1 in that order). */
    public static int indexOf(String shardId) {
        return Integer.parseInt(shardId.substring("shard-".length()));
    }

    public List<String> strings(int shard, String sql) {
        return query(shard, sql, rs -> {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        });
    }

    void update(int shard, String sql) {
        try (Connection c = connect(shard); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> T query(int shard, String sql, Rows<T> rows) {
        try (Connection c = connect(shard); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rows.read(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect(int shard) throws SQLException {
        var server = shards.get(shard);
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }
}
