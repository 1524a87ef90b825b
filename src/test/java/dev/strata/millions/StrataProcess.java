package dev.strata.millions;

import dev.strata.testing.TestServer;
import dev.strata.testing.servers.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/strata.jar serve} as a child process, so a test can kill it with SIGKILL as a crash would. */
final class StrataProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;

    private StrataProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static StrataProcess start(String yaml, Map<String, String> env) {
        try {
            Path dir = TestServer.temporaryDataDir();
            Path config = Files.writeString(dir.resolve("tier.yaml"), yaml);
            int port = FreePorts.next();
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", System.getProperty("strata.jar", "target/strata.jar"), "serve", "--config", config.toString());
            builder.environment().putAll(env);
            builder.environment().put("STRATA_PORT", String.valueOf(port));
            builder.environment().put("STRATA_DATA_DIR", dir.toString());
            builder.environment().put("STRATA_JWT_SECRET", TestServer.SECRET);
            Path log = dir.resolve("strata.log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            StrataProcess started = new StrataProcess(builder.start(), log);
            started.awaitReady(port);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is drained or committed. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady(int port) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("strata exited during start:\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new IllegalStateException("strata did not become ready in " + START_TIMEOUT + ":\n" + Files.readString(log));
    }
}
