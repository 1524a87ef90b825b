package dev.strata.testing;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/strata.jar serve} as a child process, exactly as an operator runs it, for tests that
 * need a real process: kill -9, SIGTERM, a small heap.
 */
public final class StrataProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private StrataProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the hundreds tier on {@code dataDir} and waits until it is ready. */
    public static StrataProcess hundreds(Path dataDir, List<String> jvmOptions, Map<String, String> env) {
        return serve(Path.of("config/tier-hundreds.yaml"), dataDir, jvmOptions, env);
    }

    /** Starts a tier given as YAML text (with a small heap) on a fresh data dir and waits until it is ready. */
    public static StrataProcess fromYaml(String yaml, Map<String, String> env) {
        try {
            Path dataDir = TestServer.temporaryDataDir();
            Path tierFile = Files.writeString(dataDir.resolve("tier.yaml"), yaml);
            return serve(tierFile, dataDir, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StrataProcess serve(Path tierFile, Path dataDir, List<String> jvmOptions, Map<String, String> env) {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "serve", "--config", tierFile.toString()));
        Map<String, String> environment = new HashMap<>(env);
        environment.put("STRATA_PORT", String.valueOf(port));
        environment.put("STRATA_DATA_DIR", dataDir.toString());
        environment.put("STRATA_JWT_SECRET", TestServer.SECRET);
        try {
            Path log = Files.createTempFile("strata-process-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            StrataProcess started = new StrataProcess(builder.start(), port, log);
            started.awaitReady(Duration.ofSeconds(60));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("strata.jar", "target/strata.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests through 'mvn verify'");
        }
        return jar;
    }

    public ApiClient client() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful path. */
    public void terminate() {
        process.destroy();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("strata did not exit within " + timeout + "; log:\n" + logText());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("strata exited during start; log:\n" + logText());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("strata was not ready within " + timeout + "; log:\n" + logText());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
