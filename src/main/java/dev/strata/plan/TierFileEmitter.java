package dev.strata.plan;

/**
 * Writes the tier file of a plan: the shipped tier file's shape with the plan's sizes, hosts and secrets left to
 * {@code ${NAME:default}} environment variables as in {@code config/}.
 */
final class TierFileEmitter {
    private TierFileEmitter() {
    }

    static String tierFile(CapacityPlan plan) {
        String header = "# Written by strata plan: " + plan.apiReplicas() + " api replica(s), " + plan.workerReplicas()
                + " worker(s), " + plan.shards() + " shard(s), " + plan.kafkaPartitions() + " Kafka partition(s).\n"
                + "tier: " + plan.tier().id() + "\n"
                + "dataDir: ${STRATA_DATA_DIR:data}\n"
                + "server:\n"
                + "  port: ${STRATA_PORT:8080}\n"
                + "  role: ${STRATA_ROLE:all}\n";
        return header + switch (plan.tier()) {
            case HUNDREDS -> """
                    auth:
                      secret: ${STRATA_JWT_SECRET:}
                    store:
                      type: h2
                    blobs:
                      type: filesystem
                    cache:
                      type: caffeine
                      maxBytes: %s
                    writes:
                      mode: sync
                    """.formatted(Units.mebibytes(plan.cacheBytes()));
            case THOUSANDS -> """
                    auth:
                      secret: ${STRATA_JWT_SECRET}
                    store:
                      type: postgres
                      url: ${STRATA_DB_URL:jdbc:postgresql://127.0.0.1:5432/strata}
                      user: ${STRATA_DB_USER:strata}
                      password: ${STRATA_DB_PASSWORD:}
                      connectionBudget: %d
                      replicas: %d
                    %s%s
                    writes:
                      mode: sync
                    """.formatted(plan.connectionBudget(), plan.processesPerShard(), S3_BLOBS, twoLevelCache(plan));
            case MILLIONS -> """
                    auth:
                      secret: ${STRATA_JWT_SECRET}
                    store:
                      type: sharded
                      urls: ${STRATA_SHARD_URLS}
                      user: ${STRATA_DB_USER:strata}
                      password: ${STRATA_DB_PASSWORD:}
                      buckets: 4096
                      connectionBudget: %d
                      replicas: %d
                    %s%s
                    writes:
                      mode: queued
                      bootstrap: ${STRATA_KAFKA_BOOTSTRAP:127.0.0.1:9092}
                      topic: strata.writes
                    """.formatted(plan.connectionBudget(), plan.processesPerShard(), S3_BLOBS, twoLevelCache(plan));
        };
    }

    private static final String S3_BLOBS = """
            blobs:
              type: s3
              endpoint: ${STRATA_S3_ENDPOINT:http://127.0.0.1:9000}
              bucket: ${STRATA_S3_BUCKET:strata}
              accessKey: ${STRATA_S3_ACCESS_KEY:}
              secretKey: ${STRATA_S3_SECRET_KEY:}
              region: ${STRATA_S3_REGION:us-east-1}
            """;

    private static String twoLevelCache(CapacityPlan plan) {
        return """
                cache:
                  type: two-level
                  redisUrl: ${STRATA_REDIS_URL:redis://127.0.0.1:6379}
                  nearMaxBytes: %s""".formatted(Units.mebibytes(plan.nearCacheBytes()));
    }
}
