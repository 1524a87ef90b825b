package dev.strata.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/** Hands out free TCP ports on 127.0.0.1, never the same one twice in this JVM. */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago. Another process can still take it
     * before the caller binds it; remembering the ports handed out only rules out clashes between
     * servers of this JVM, which start many at once.
     */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no fresh free port on 127.0.0.1 after 50 attempts");
    }

    /** The first of {@code count} consecutive ports that were all free a moment ago, for scripts that number them. */
    public static synchronized int consecutive(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = next();
            if (IntStream.range(1, count).allMatch(i -> isFree(first + i) && HANDED_OUT.add(first + i))) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1 after 50 attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
