package dev.strata.reshard;

import dev.strata.domain.sharding.BucketAssignment;
import dev.strata.testing.servers.PostgresServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct SQL on the servers, bypassing Strata: the catalog's directory and plans, and which rows each shard holds. */
final class ShardSql {
    private final PostgresServers servers;

    ShardSql(PostgresServers servers) {
        this.servers = servers;
    }

    BucketAssignment directory() {
        return directory(count(0, "SELECT max(version) FROM strata_catalog.bucket_directory"));
    }

    BucketAssignment directory(long version) {
        List<String> row = strings(0, "SELECT version || ';' || shard_ids || ';' || shard_indexes"
                + " FROM strata_catalog.bucket_directory WHERE version = " + version);
        String[] parts = row.get(0).split(";");
        return BucketAssignment.of(Long.parseLong(parts[0]), List.of(parts[1].split(",")),
                Arrays.stream(parts[2].split(",")).mapToInt(Integer::parseInt).toArray());
    }

    /** Shard id to the index of its server, from the catalog's URLs. */
    Map<String, Integer> serverOfShard() {
        Map<String, Integer> byId = new LinkedHashMap<>();
        for (String row : strings(0, "SELECT shard_id || ' ' || jdbc_url FROM strata_catalog.shard_catalog ORDER BY position")) {
            String[] parts = row.split(" ", 2);
            for (int i = 0; i < servers.size(); i++) {
                if (servers.get(i).jdbcUrl().equals(parts[1])) {
                    byId.put(parts[0], i);
                }
            }
        }
        return byId;
    }

    long count(int server, String sql) {
        return Long.parseLong(strings(server, sql).get(0));
    }

    List<String> strings(int server, String sql) {
        try (Connection c = connect(server); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect(int server) throws SQLException {
        var s = servers.get(server);
        return DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
    }
}
