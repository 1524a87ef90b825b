package dev.strata.chaos;

import dev.strata.testing.TestServer;
import dev.strata.testing.load.FaultyProxy;
import dev.strata.testing.servers.PostgresServer;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import dev.strata.thousands.ThousandsBackends;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A thousands-tier server whose connections to PostgreSQL, Redis (its own) and S3 each pass through a
 * {@link FaultyProxy}, with short dependency deadlines so faults show within seconds.
 */
final class ProxiedTier implements AutoCloseable {
    final RedisServer redis;
    final FaultyProxy database;
    final FaultyProxy cache;
    final FaultyProxy blobs;
    final TestServer server;

    private ProxiedTier(String databaseName, int maxConcurrentRequests) {
        PostgresServer postgres = PostgresServers.shared(1).get(0);
        redis = RedisServer.start();
        Map<String, String> env = new HashMap<>(ThousandsBackends.env(postgres, S3ProxyServer.shared(), redis, databaseName));
        database = FaultyProxy.to(postgres.port());
        cache = FaultyProxy.to(redis.port());
        blobs = FaultyProxy.to(URI.create(env.get("STRATA_S3_ENDPOINT")).getPort());
        env.put("STRATA_DB_URL", env.get("STRATA_DB_URL").replace(":" + postgres.port() + "/", ":" + database.port() + "/"));
        env.put("STRATA_REDIS_URL", "redis://127.0.0.1:" + cache.port());
        env.put("STRATA_S3_ENDPOINT", "http://127.0.0.1:" + blobs.port());
        server = TestServer.fromYaml("""
                tier: proxied
                dataDir: ${STRATA_DATA_DIR}
                server: {port: 0, maxConcurrentRequests: %d}
                auth: {secret: "${STRATA_JWT_SECRET}", rateLimit: {requestsPerSecond: 100000}}
                store: {type: postgres, url: "${STRATA_DB_URL}", user: "${STRATA_DB_USER}", password: "${STRATA_DB_PASSWORD}",
                        statementTimeout: 1s, connectTimeout: 1s, connectionBudget: 10}
                blobs: {type: s3, endpoint: "${STRATA_S3_ENDPOINT}", bucket: "${STRATA_S3_BUCKET}", accessKey: "${STRATA_S3_ACCESS_KEY}",
                        secretKey: "${STRATA_S3_SECRET_KEY}", region: "${STRATA_S3_REGION}", connectTimeout: 1s, readTimeout: 2s}
                cache: {type: two-level, redisUrl: "${STRATA_REDIS_URL}", commandTimeout: 200ms}
                """.formatted(maxConcurrentRequests), env);
    }

    static ProxiedTier start(String databaseName, int maxConcurrentRequests) {
        return new ProxiedTier(databaseName, maxConcurrentRequests);
    }

    @Override
    public void close() {
        server.close();
        database.close();
        cache.close();
        blobs.close();
        redis.close();
    }
}
