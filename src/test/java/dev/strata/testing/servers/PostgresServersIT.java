package dev.strata.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServersIT {

    @Test
    void sharedServers_areDistinctDatabasesThatAnswerQueries() throws SQLException {
        PostgresServers servers = PostgresServers.shared(2);

        assertThat(servers.size()).isEqualTo(2);
        assertThat(servers.get(0).jdbcUrl()).isNotEqualTo(servers.get(1).jdbcUrl());
        for (PostgresServer server : servers.servers()) {
            try (Connection connection = connect(server)) {
                assertThat(queryInt(connection, "select 1")).isEqualTo(1);
                assertThat(queryString(connection, "show server_version")).startsWith("17.");
            }
        }
    }

    @Test
    void crashStoppedServer_restartsOnTheSamePortWithItsCommittedData() throws SQLException {
        try (PostgresServers servers = PostgresServers.start(1)) {
            PostgresServer server = servers.get(0);
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                statement.execute("create table kept(id int primary key)");
                statement.execute("insert into kept values (42)");
            }
            long firstPid = server.pid();
            assertThat(ProcessHandle.of(firstPid)).isPresent();

            server.crashStop();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            server.restart();

            assertThat(server.pid()).isNotEqualTo(firstPid);
            try (Connection connection = connect(server)) {
                assertThat(queryInt(connection, "select id from kept")).isEqualTo(42);
            }
        }
    }

    @Test
    void pausedServer_freezesOpenConnections_andAcceptsConnectionsAgainAfterResume() throws SQLException {
        try (PostgresServers servers = PostgresServers.start(1)) {
            PostgresServer server = servers.get(0);
            try (Connection open = connect(server)) {
                open.setNetworkTimeout(Runnable::run, 1_000);
                server.pause();
                try {
                    assertThatThrownBy(() -> queryInt(open, "select 1")).as("its backend is stopped too")
                            .isInstanceOf(SQLException.class);
                } finally {
                    server.resume();
                }
            }
            try (Connection connection = connect(server)) {
                assertThat(queryInt(connection, "select 2")).isEqualTo(2);
            }
        }
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private static int queryInt(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
