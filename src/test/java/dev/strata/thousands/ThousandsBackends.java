package dev.strata.thousands;

import dev.strata.testing.servers.PostgresServer;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The environment that points the thousands tier file at real PostgreSQL, S3Proxy and Redis servers. */
public final class ThousandsBackends {
    private ThousandsBackends() {
    }

    /** A fresh database named {@code database} on {@code postgres}, a bucket of that name, and {@code redis}. */
    public static Map<String, String> env(PostgresServer postgres, S3ProxyServer s3, RedisServer redis, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("STRATA_DB_URL", createDatabase(postgres, database));
        env.put("STRATA_DB_USER", postgres.user());
        env.put("STRATA_DB_PASSWORD", postgres.password());
        env.put("STRATA_S3_ENDPOINT", s3.endpoint());
        env.put("STRATA_S3_ACCESS_KEY", s3.accessKey());
        env.put("STRATA_S3_SECRET_KEY", s3.secretKey());
        env.put("STRATA_S3_REGION", s3.region());
        env.put("STRATA_S3_BUCKET", database.replace('_', '-'));
        env.put("STRATA_REDIS_URL", redis.url());
        env.put("STRATA_REPLICAS", "3");
        env.put("STRATA_DB_CONNECTION_BUDGET", "30");
        return env;
    }

    /** Shared servers, a fresh database and bucket, and an empty Redis. */
    public static Map<String, String> shared(String database) {
        RedisServer redis = RedisServer.shared();
        redis.flushAll();
        return env(PostgresServers.shared(1).get(0), S3ProxyServer.shared(), redis, database);
    }

    public static String createDatabase(PostgresServer postgres, String database) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + database);
            c.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return postgres.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }
}
