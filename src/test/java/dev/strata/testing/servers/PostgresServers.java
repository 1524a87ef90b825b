package dev.strata.testing.servers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * N PostgreSQL servers, e.g. the shards of a sharded tier. {@link #shared(int)} gives servers that
 * live for the whole test JVM; when {@code STRATA_TEST_PG_URLS} (comma-separated JDBC URLs) is set,
 * with {@code STRATA_TEST_PG_USER} and {@code STRATA_TEST_PG_PASSWORD}, those servers are used
 * instead of starting any.
 */
public final class PostgresServers implements AutoCloseable {

    private final List<PostgresServer> servers;

    private PostgresServers(List<PostgresServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * The first {@code count} servers shared by every test of this JVM, started on first use (more
     * start when a later caller asks for more) and stopped at JVM exit. Tests must not stop or
     * signal them: a chaos test takes its own through {@link #start(int)}.
     */
    public static PostgresServers shared(int count) {
        return new PostgresServers(Shared.atLeast(count));
    }

    /** {@code count} new servers of the caller's own, started in parallel; close them when done. */
    public static PostgresServers start(int count) {
        List<PostgresServer> started = startInParallel(count);
        return new PostgresServers(started);
    }

    public List<PostgresServer> servers() {
        return servers;
    }

    public PostgresServer get(int index) {
        return servers.get(index);
    }

    public int size() {
        return servers.size();
    }

    /** The JDBC URLs joined with commas, in the form {@code STRATA_SHARD_URLS} takes. */
    public String jdbcUrls() {
        return servers.stream().map(PostgresServer::jdbcUrl).collect(Collectors.joining(","));
    }

    public String user() {
        return servers.get(0).user();
    }

    public String password() {
        return servers.get(0).password();
    }

    /** Stops the servers this object started; shared ones are left to the JVM exit. */
    @Override
    public void close() {
        if (Shared.owns(servers)) {
            return;
        }
        servers.forEach(PostgresServer::close);
    }

    private static List<PostgresServer> startInParallel(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        List<PostgresServer> started = Collections.synchronizedList(new ArrayList<>());
        try {
            // initdb and start-up mostly wait on disk and child processes, so starting them together pays off
            IntStream.range(0, count).parallel().forEach(i -> started.add(PostgresServer.start()));
            return List.copyOf(started);
        } catch (RuntimeException e) {
            started.forEach(PostgresServer::close);
            throw e;
        }
    }

    private static final class Shared {
        private static final List<PostgresServer> SERVERS = new ArrayList<>();
        private static final List<PostgresServer> EXTERNAL = externalServers();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(Shared::closeAll, "postgres-shutdown"));
        }

        static synchronized List<PostgresServer> atLeast(int count) {
            if (!EXTERNAL.isEmpty()) {
                if (count > EXTERNAL.size()) {
                    throw new IllegalStateException("a test needs " + count + " PostgreSQL servers but STRATA_TEST_PG_URLS names "
                            + EXTERNAL.size());
                }
                return List.copyOf(EXTERNAL.subList(0, count));
            }
            if (SERVERS.size() < count) {
                SERVERS.addAll(startInParallel(count - SERVERS.size()));
            }
            return List.copyOf(SERVERS.subList(0, count));
        }

        static synchronized boolean owns(List<PostgresServer> servers) {
            return SERVERS.containsAll(servers) || EXTERNAL.containsAll(servers);
        }

        private static synchronized void closeAll() {
            SERVERS.forEach(PostgresServer::close);
        }

        private static List<PostgresServer> externalServers() {
            String urls = System.getenv("STRATA_TEST_PG_URLS");
            if (urls == null || urls.isBlank()) {
                return List.of();
            }
            String user = System.getenv().getOrDefault("STRATA_TEST_PG_USER", "postgres");
            String password = System.getenv().getOrDefault("STRATA_TEST_PG_PASSWORD", "");
            return Arrays.stream(urls.split(","))
                    .map(String::trim)
                    .filter(url -> !url.isEmpty())
                    .map(url -> PostgresServer.external(url, user, password))
                    .toList();
        }
    }
}
