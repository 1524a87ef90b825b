package dev.strata.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Every row of a set of users, across all per-user tables: copied from one shard to another, compared, deleted.
 * Rows are copied column by column as stored, so versions, timestamps and request state survive unchanged, and a
 * column a later migration adds is copied without changes here.
 */
final class UserRows {
    private static final int USERS_PER_BATCH = 200;

    private UserRows() {
    }

    /**
     * Makes the target hold exactly the source's rows of {@code users}: per batch, one consistent snapshot of the
     * source and one target transaction that deletes the users' rows and inserts the snapshot's. Users without rows on
     * the source end with none on the target. Returns how many rows were written.
     */
    static long copy(Jdbi source, Jdbi target, List<String> users) {
        try {
            return copyBatches(source, target, users);
        } catch (SQLException e) {
            throw new IllegalStateException("copying the rows of " + users.size() + " users failed: " + e.getMessage(), e);
        }
    }

    private static long copyBatches(Jdbi source, Jdbi target, List<String> users) throws SQLException {
        long rows = 0;
        for (int from = 0; from < users.size(); from += USERS_PER_BATCH) {
            List<String> batch = users.subList(from, Math.min(users.size(), from + USERS_PER_BATCH));
            Map<String, TableRows> snapshot = source.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> read(h, batch));
            rows += target.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
                delete(h, batch);
                long written = 0;
                for (TableRows table : snapshot.values()) {
                    written += table.insertInto(h.getConnection());
                }
                return written;
            });
        }
        return rows;
    }

    /**
     * Per user, a digest of every row in every table (row count and an order-independent MD5 of the rows' text), so
     * equal digests on two shards mean equal rows. Users without rows are absent.
     */
    static Map<String, String> digests(Handle h, List<String> users) {
        Map<String, StringBuilder> digests = new TreeMap<>();
        for (String table : BucketUsers.TABLES) {
            h.createQuery("SELECT user_id, count(*) || ':' || md5(string_agg(md5(t::text), '' ORDER BY md5(t::text)))"
                            + " FROM " + table + " t WHERE user_id = ANY(:u) GROUP BY user_id")
                    .bindArray("u", String.class, users)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> digests.computeIfAbsent(e.getKey(), u -> new StringBuilder())
                            .append(table).append('=').append(e.getValue()).append(';'));
        }
        Map<String, String> result = new HashMap<>();
        digests.forEach((user, digest) -> result.put(user, digest.toString()));
        return result;
    }

    /** The users whose rows differ between the two shards. */
    static List<String> differing(Jdbi source, Jdbi target, List<String> users) {
        Set<String> differing = new HashSet<>();
        for (int from = 0; from < users.size(); from += USERS_PER_BATCH) {
            List<String> batch = users.subList(from, Math.min(users.size(), from + USERS_PER_BATCH));
            Map<String, String> left = source.withHandle(h -> digests(h, batch));
            Map<String, String> right = target.withHandle(h -> digests(h, batch));
            for (String user : batch) {
                if (!java.util.Objects.equals(left.get(user), right.get(user))) {
                    differing.add(user);
                }
            }
        }
        return differing.stream().sorted().toList();
    }

    /** Deletes every row of the users, including their user_changes entries. */
    static void delete(Handle h, List<String> users) {
        for (String table : BucketUsers.TABLES) {
            h.createUpdate("DELETE FROM " + table + " WHERE user_id = ANY(:u)").bindArray("u", String.class, users).execute();
        }
        h.createUpdate("DELETE FROM user_changes WHERE user_id = ANY(:u)").bindArray("u", String.class, users).execute();
    }

    private static Map<String, TableRows> read(Handle h, List<String> users) throws SQLException {
        Map<String, TableRows> snapshot = new java.util.LinkedHashMap<>();
        for (String table : BucketUsers.TABLES) {
            try (PreparedStatement select = h.getConnection().prepareStatement("SELECT * FROM " + table + " WHERE user_id = ANY(?)")) {
                select.setArray(1, h.getConnection().createArrayOf("varchar", users.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    snapshot.put(table, TableRows.read(table, rs));
                }
            }
        }
        return snapshot;
    }

    /** The rows of one table as read, with their column names and SQL types. */
    private record TableRows(String table, List<String> columns, int[] types, List<Object[]> rows) {

        static TableRows read(String table, ResultSet rs) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            int count = meta.getColumnCount();
            List<String> columns = new java.util.ArrayList<>();
            int[] types = new int[count];
            for (int i = 1; i <= count; i++) {
                columns.add(meta.getColumnName(i));
                types[i - 1] = meta.getColumnType(i);
            }
            List<Object[]> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[count];
                for (int i = 1; i <= count; i++) {
                    row[i - 1] = rs.getObject(i);
                }
                rows.add(row);
            }
            return new TableRows(table, columns, types, rows);
        }

        long insertInto(Connection connection) throws SQLException {
            if (rows.isEmpty()) {
                return 0;
            }
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) {
                            insert.setNull(i + 1, types[i]);
                        } else {
                            insert.setObject(i + 1, row[i], types[i]);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return rows.size();
        }
    }
}
