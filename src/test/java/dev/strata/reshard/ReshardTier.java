package dev.strata.reshard;

import dev.strata.testing.TestServer;
import dev.strata.testing.servers.PostgresServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Millions-tier files over chosen shards of a set of PostgreSQL servers, with synchronous writes, filesystem blobs in
 * one shared directory and no record cache, so several api replicas in this JVM see the same data.
 */
final class ReshardTier {
    private final PostgresServers servers;
    private final Path dir = TestServer.temporaryDataDir();
    private final Path blobDir = dir.resolve("blobs");

    ReshardTier(PostgresServers servers) {
        this.servers = servers;
    }

    /** A tier file whose store.urls are the given servers, in that order. */
    Path file(String name, List<Integer> serverIndexes) {
        String urls = serverIndexes.stream().map(i -> servers.get(i).jdbcUrl()).collect(Collectors.joining(","));
        String yaml = """
                tier: millions
                dataDir: ${STRATA_DATA_DIR:%s}
                server:
                  port: ${STRATA_PORT:0}
                  role: ${STRATA_ROLE:all}
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
                  buckets: 64
                  connectionBudget: 16
                  replicas: 4
                  statementTimeout: 2s
                  directoryPoll: 200ms
                blobs:
                  type: filesystem
                  dir: %s
                cache:
                  type: none
                writes:
                  mode: sync
                """.formatted(dir, urls, servers.user(), servers.password(), blobDir);
        try {
            return Files.writeString(dir.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An api replica in this JVM serving the given tier file. */
    static TestServer replica(Path tierFile) {
        try {
            return TestServer.fromYaml(Files.readString(tierFile), Map.of("STRATA_ROLE", "api"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
