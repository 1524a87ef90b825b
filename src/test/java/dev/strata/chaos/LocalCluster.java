package dev.strata.chaos;

import dev.strata.auth.HmacTokens;
import dev.strata.bootstrap.StrataApplication;
import dev.strata.config.TierConfigLoader;
import dev.strata.domain.UserId;
import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code deploy/local/start.sh N}: N replicas of the jar on a tier file behind HAProxy, on the given backends, in a
 * run directory of its own; {@link #close()} runs {@code deploy/local/stop.sh}. Replicas are found by the pid files
 * it writes.
 */
final class LocalCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    private final Map<String, String> env;
    private final Path runDir;
    private final HmacTokens tokens;
    final ApiClient client;

    private LocalCluster(Map<String, String> env, Path tierFile, Path runDir, int loadBalancerPort) {
        this.env = env;
        this.runDir = runDir;
        this.tokens = StrataApplication.tokens(TierConfigLoader.fromMap(env).load(tierFile), Clock.systemUTC());
        this.client = new ApiClient("http://127.0.0.1:" + loadBalancerPort);
    }

    /**
     * Starts {@code replicas} replicas of {@code tierFile} on the backends in {@code backendEnv} and waits until
     * HAProxy serves.
     */
    static LocalCluster start(int replicas, Path tierFile, Map<String, String> backendEnv) {
        Map<String, String> env = new HashMap<>(backendEnv);
        env.put("STRATA_TIER_FILE", tierFile.toAbsolutePath().toString());
        int loadBalancerPort = freeConsecutivePorts(replicas + 1);
        env.put("STRATA_LB_PORT", String.valueOf(loadBalancerPort));
        env.put("STRATA_FIRST_REPLICA_PORT", String.valueOf(loadBalancerPort + 1));
        env.put("STRATA_JWT_SECRET", TestServer.SECRET);
        try {
            env.put("STRATA_LOCAL_RUN", Files.createTempDirectory("strata-local-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalCluster cluster = new LocalCluster(env, tierFile, Path.of(env.get("STRATA_LOCAL_RUN")), loadBalancerPort);
        int exit = cluster.script("deploy/local/start.sh", String.valueOf(replicas));
        if (exit != 0) {
            cluster.close();
            throw new IllegalStateException("deploy/local/start.sh failed with " + exit + "; see " + cluster.runDir);
        }
        return cluster;
    }

    /**
     * The first of {@code count} consecutive ports that are free now, below the kernel's ephemeral range (32768 and
     * up here), so outgoing connections do not take them before the replicas bind.
     */
    private static int freeConsecutivePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 32_000 - count);
            if (IntStream.range(first, first + count).allMatch(LocalCluster::isFree)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports between 20000 and 32000");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String token(String user) {
        return tokens.issue(new UserId(user), false, Duration.ofHours(1));
    }

    /** The process of replica {@code index} (1-based), as the start script recorded it. */
    ProcessHandle replica(int index) {
        try {
            long pid = Long.parseLong(Files.readString(runDir.resolve("replica-" + index + ".pid")).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("replica " + index + " is not running"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        script("deploy/local/stop.sh");
    }

    private int script(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve(Path.of(command[0]).getFileName() + ".log").toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
