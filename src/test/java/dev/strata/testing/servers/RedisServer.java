package dev.strata.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code redis-server} from PATH on a free port of 127.0.0.1, keeping nothing on disk; or, when
 * {@code STRATA_TEST_REDIS_URL} is set, that server (then only {@link #url()} and the CLIENT PAUSE
 * helpers work). {@code .ci/install-servers.sh} installs redis-server where it is missing.
 */
public final class RedisServer extends ChildServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String url;
    private final String host;
    private final int port;
    private final List<String> options;

    private RedisServer(String url, String host, int port, Path workDir, List<String> options) {
        super("the Redis at " + url, workDir, Duration.ofSeconds(10));
        this.url = url;
        this.host = host;
        this.port = port;
        this.options = options;
    }

    /** One server for the whole test JVM, started on first use and stopped at JVM exit. */
    public static RedisServer shared() {
        return Shared.INSTANCE;
    }

    /** A new server of the caller's own, e.g. for a chaos test; close it when done. */
    public static RedisServer start() {
        return start(List.of());
    }

    /** A new node with cluster mode on and no slots yet; {@link RedisCluster} joins such nodes into a cluster. */
    static RedisServer startClusterNode() {
        return start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"));
    }

    private static RedisServer start(List<String> options) {
        int port = FreePorts.next();
        RedisServer server = new RedisServer("redis://127.0.0.1:" + port, "127.0.0.1", port, ServerFiles.newWorkDir("redis"),
                options);
        server.startProcess();
        return server;
    }

    public String url() {
        return url;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /**
     * {@code CLIENT PAUSE <millis> ALL}: the server holds every client command, from any connection
     * (even {@code CLIENT UNPAUSE}), until the pause runs out.
     */
    public void clientPause(Duration duration) {
        command("CLIENT", "PAUSE", Long.toString(duration.toMillis()), "ALL");
    }

    /** {@code CLIENT PAUSE <millis> WRITE}: holds only writes; {@link #clientUnpause()} can end it early. */
    public void clientPauseWrites(Duration duration) {
        command("CLIENT", "PAUSE", Long.toString(duration.toMillis()), "WRITE");
    }

    /** {@code FLUSHALL}: a test class starts from an empty cache, whatever earlier classes left in the shared server. */
    public void flushAll() {
        command("FLUSHALL");
    }

    /** {@code SCRIPT FLUSH}: the server forgets every Lua script it has cached, as after a restart. */
    public void scriptFlush() {
        command("SCRIPT", "FLUSH");
    }

    /** {@code CLIENT UNPAUSE}; under a {@link #clientPause(Duration) pause of all commands} it waits for that to end. */
    public void clientUnpause() {
        command("CLIENT", "UNPAUSE");
    }

    @Override
    ChildProcess launch() {
        List<String> command = new java.util.ArrayList<>(List.of(
                "redis-server",
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", workDir().toString(),
                "--daemonize", "no"));
        command.addAll(options);
        ChildProcess process = ChildProcess.start("redis-server", command, Map.of(), workDir().resolve("redis.log"));
        Readiness.await("redis-server on port " + port, process, START_TIMEOUT, this::answersPing);
        return process;
    }

    private boolean answersPing() {
        try {
            return command("PING").equals("+PONG");
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Sends one command over a fresh connection and returns the first line of the reply. */
    private String command(String... args) {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(arg).append("\r\n");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = readLine(socket.getInputStream());
            if (reply.startsWith("-")) {
                throw new IllegalStateException("redis " + String.join(" ", args) + " failed: " + reply);
            }
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach redis at " + url() + ": " + e, e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

        private static final class Shared {
        static final RedisServer INSTANCE = create();

        private static RedisServer create() {
            String external = System.getenv("STRATA_TEST_REDIS_URL");
            if (external != null && !external.isBlank()) {
                URI uri = URI.create(external.trim());
                return new RedisServer(external.trim(), uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), null,
                        List.of());
            }
            RedisServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redis-server-shutdown"));
            return server;
        }
    }
}
