package dev.strata.testing.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A Redis Cluster of masters only, each a {@code redis-server} from PATH on a free port of 127.0.0.1, joined and
 * given an even share of the 16384 slots by {@code redis-cli --cluster create}. Close it when done.
 */
public final class RedisCluster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    public static RedisCluster start(int masters) {
        RedisCluster cluster = new RedisCluster(IntStream.range(0, masters).mapToObj(i -> RedisServer.startClusterNode()).toList());
        try {
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            cluster.nodes.forEach(node -> create.add(node.host() + ":" + node.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            cluster.nodes.forEach(RedisCluster::awaitStateOk);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** Every node's URL, comma-separated: what {@code cache.redisUrl} takes as seeds. */
    public String seedUrls() {
        return String.join(",", nodes.stream().map(RedisServer::url).toList());
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    private static void awaitStateOk(RedisServer node) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<String> info = List.of("redis-cli", "-h", node.host(), "-p", Integer.toString(node.port()), "CLUSTER", "INFO");
        while (!run(info).contains("cluster_state:ok")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster node on port " + node.port() + " is not ok within " + READY_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
