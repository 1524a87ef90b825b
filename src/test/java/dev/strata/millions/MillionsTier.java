package dev.strata.millions;

import dev.strata.testing.ShardedTierYaml;
import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServers;
import java.util.HashMap;
import java.util.Map;

/**
 * The millions tier's moving parts for tests: sharded PostgreSQL and (optionally) writes queued through Kafka,
 * with filesystem blobs in one shared directory and no record cache, so api and worker servers in one JVM see
 * the same data without Redis.
 */
public final class MillionsTier {
    private final PostgresServers shards;
    private final String blobDir = TestServer.temporaryDataDir().toString();
    private String kafkaBootstrap;
    private String topic;
    private final Map<String, String> env = new HashMap<>();

    public MillionsTier(PostgresServers shards) {
        this.shards = shards;
    }

    MillionsTier queued(String bootstrap, String topic) {
        this.kafkaBootstrap = bootstrap;
        this.topic = topic;
        return this;
    }

    MillionsTier env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestServer start(String role) {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("STRATA_ROLE", role);
        return TestServer.fromYaml(yaml(), environment);
    }

    /** The same tier as a child process of its own, e.g. a worker to kill. */
    StrataProcess startProcess(String role) {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("STRATA_ROLE", role);
        return StrataProcess.fromYaml(yaml(), environment);
    }

    private String yaml() {
        String writes = kafkaBootstrap == null ? "writes:\n  mode: sync\n" : """
                writes:
                  mode: queued
                  bootstrap: %s
                  topic: %s
                  partitions: 6
                  replicationFactor: 1
                  ackTimeout: ${STRATA_KAFKA_ACK_TIMEOUT:2s}
                  deliveryTimeout: 3s
                  maxAttempts: 3
                  maxUserBacklog: ${STRATA_MAX_USER_BACKLOG:1000}
                """.formatted(kafkaBootstrap, topic);
        return ShardedTierYaml.withoutWrites("${STRATA_DATA_DIR}", "${STRATA_PORT}", "${STRATA_ROLE}", shards.jdbcUrls(),
                shards.user(), shards.password(), blobDir) + writes;
    }
}
