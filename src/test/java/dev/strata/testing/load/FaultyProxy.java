package dev.strata.testing.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on 127.0.0.1 between Strata and one dependency that injects network faults: pass bytes through,
 * delay every chunk, reset connections, or blackhole them (bytes are taken and dropped, nothing answers; a
 * connection that lost bytes to it is reset when next used). A new mode applies to open connections too.
 */
public final class FaultyProxy implements AutoCloseable {
    /** What the proxy does to traffic. */
    public sealed interface Mode {
    }

    public record Pass() implements Mode {
    }

    public record Delay(long millis) implements Mode {
    }

    public record Reset() implements Mode {
    }

    public record Blackhole() implements Mode {
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = new Pass();

    private FaultyProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
        pumps.execute(this::acceptLoop);
    }

    /** A proxy on a free loopback port in front of {@code 127.0.0.1:upstreamPort}. */
    public static FaultyProxy to(int upstreamPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
            return new FaultyProxy(listener, new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
        if (mode instanceof Reset) {
            open.forEach(this::reset);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket downstream = listener.accept();
                if (mode instanceof Reset) {
                    reset(downstream);
                    continue;
                }
                Socket up = new Socket();
                up.connect(upstream, 2000);
                open.add(downstream);
                open.add(up);
                pumps.execute(() -> pump(downstream, up));
                pumps.execute(() -> pump(up, downstream));
            } catch (IOException e) {
                // the listener closed, or the upstream refused this one connection; keep serving others
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            boolean blackholed = false;
            while ((n = in.read(buffer)) >= 0) {
                Mode now = mode;
                if (now instanceof Blackhole) {
                    blackholed = true;
                    continue;
                }
                if (blackholed) {
                    // TCP never delivers a stream with a hole in it: a connection that lost bytes is dead
                    throw new IOException("connection was blackholed");
                }
                if (now instanceof Delay delay) {
                    LoadDriver.sleep(Duration.ofMillis(delay.millis()));
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            close(to);
            close(from);
        } catch (IOException | RuntimeException e) {
            reset(to);
            reset(from);
        }
    }

    /** Closes with an RST rather than a FIN, as a crashed peer or a middlebox would. */
    private void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        close(socket);
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::reset);
        pumps.shutdownNow();
    }
}
