package dev.strata.testing;


/** The millions-tier file the sharded tests run: small buckets and pools, filesystem blobs, no cache. */
public final class ShardedTierYaml {
    public static final int BUCKETS = 64;

    private ShardedTierYaml() {
    }

    /**
     * Everything but {@code writes:}; the placeholders let each test pick defaults for the data dir, port and role.
     *
     * @param dataDir e.g. {@code ${STRATA_DATA_DIR}} or {@code ${STRATA_DATA_DIR:/tmp/x}}
     */
    public static String withoutWrites(String dataDir, String port, String role, String shardUrls, String user,
                                       String password, String blobDir) {
        return """
                tier: millions
                dataDir: %s
                server:
                  port: %s
                  role: %s
                  maxConcurrentRequests: 512
                auth:
                  secret: ${STRATA_JWT_SECRET}
                  rateLimit:
                    requestsPerSecond: 10000
                store:
                  type: sharded
                  urls: %s
                  user: %s
                  password: %s
                  buckets: %d
                  connectionBudget: 16
                  replicas: 4
                  statementTimeout: 2s
                  directoryPoll: 200ms
                blobs:
                  type: filesystem
                  dir: %s
                cache:
                  type: none
                """.formatted(dataDir, port, role, shardUrls, user, password, BUCKETS, blobDir);
    }
}
