package dev.strata.cache;

import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServer;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.thousands.ThousandsBackends;
import java.util.Map;

/** Replicas on one fresh PostgreSQL database and filesystem blobs, whose two-level cache uses the given Redis mode. */
final class CacheTier {
    private final String yaml;
    private final Map<String, String> env;

    /** @param redisUrls what {@code cache.redisUrl} gets */
    CacheTier(String database, String redisMode, String redisUrls) {
        PostgresServer postgres = PostgresServers.shared(1).get(0);
        this.env = Map.of(
                "STRATA_DB_URL", ThousandsBackends.createDatabase(postgres, database),
                "STRATA_DB_USER", postgres.user(),
                "STRATA_DB_PASSWORD", postgres.password(),
                "STRATA_REDIS_URL", redisUrls);
        this.yaml = """
                tier: thousands
                dataDir: ${STRATA_DATA_DIR}
                server:
                  port: ${STRATA_PORT}
                auth:
                  secret: ${STRATA_JWT_SECRET}
                store:
                  type: postgres
                  url: ${STRATA_DB_URL}
                  user: ${STRATA_DB_USER}
                  password: ${STRATA_DB_PASSWORD}
                  connectionBudget: 20
                  replicas: 2
                blobs:
                  type: filesystem
                cache:
                  type: two-level
                  redisMode: %s
                  redisUrl: ${STRATA_REDIS_URL}
                """.formatted(redisMode);
    }

    TestServer startReplica() {
        return TestServer.fromYaml(yaml, env);
    }
}
