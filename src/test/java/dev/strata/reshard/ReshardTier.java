package dev.strata.reshard;

import dev.strata.testing.ShardedTierYaml;
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
        String yaml = ShardedTierYaml.withoutWrites("${STRATA_DATA_DIR:" + dir + "}", "${STRATA_PORT:0}", "${STRATA_ROLE:all}",
                urls, servers.user(), servers.password(), blobDir.toString()) + """
                writes:
                  mode: sync
                """;
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
