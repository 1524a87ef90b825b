package dev.strata.testing.load;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every write a client got a 2xx for, with the version the server acknowledged. At the end of a scenario every
 * one must read back with that value and version: nothing acknowledged lost, nothing applied twice (a write
 * applied twice would have a higher version). A queued write (202) is held by its request id until
 * {@link #settle} learns the version it was persisted with. Thread-safe.
 */
public final class Ledger {
    /** Shorter than the HTTP timeout of a paced read. */
    private static final int STATUS_WAIT_SECONDS = 5;

    /**
     * One acknowledged write to {@code /v1/users/{user}/{path}}: a record ({@code records/...}, {@code expected} is
     * its JSON value) or a blob ({@code blobs/...}, {@code expected} is the SHA-256 of its bytes, hex).
     */
    public record Ack(String user, String path, String expected, long version) {
        boolean isBlob() {
            return path.startsWith("blobs/");
        }
    }

    /** One write answered 202: queued under {@code requestId}, otherwise as in {@link Ack}. */
    public record Queued(String user, String path, String expected, String requestId) {
    }

    private final Map<String, Ack> acks = new ConcurrentHashMap<>();
    private final Map<String, Queued> queued = new ConcurrentHashMap<>();

    /** Records an acknowledged write; a key acknowledged twice must have been acknowledged with the same answer. */
    public void acknowledged(Ack ack) {
        Ack earlier = acks.putIfAbsent(ack.user() + "/" + ack.path(), ack);
        if (earlier != null && !earlier.equals(ack)) {
            throw new AssertionError("one write acknowledged twice with different answers: " + earlier + " and " + ack);
        }
    }

    /** Records a 202; a write queued twice (a retry) must have been queued under the same request id. */
    public void queued(Queued write) {
        Queued earlier = queued.putIfAbsent(write.user() + "/" + write.path(), write);
        if (earlier != null && !earlier.equals(write)) {
            throw new AssertionError("one write queued twice under different request ids: " + earlier + " and " + write);
        }
    }

    public List<Ack> acks() {
        return List.copyOf(acks.values());
    }

    public List<Queued> queuedWrites() {
        return List.copyOf(queued.values());
    }

    /**
     * Long-polls the status of every queued write until it is no longer queued or {@code patience} has passed, and
     * acknowledges the persisted ones with the version the worker gave them; returns one line per write that did not
     * end {@code persisted}.
     */
    public List<String> settle(ApiClient client, Function<String, String> tokenOfUser, Duration patience) {
        long end = System.nanoTime() + patience.toNanos();
        List<String> problems = new ArrayList<>();
        for (Queued write : queued.values()) {
            Response status = awaitStatus(client, write, tokenOfUser.apply(write.user()), end);
            String state = status.status() == 200 ? status.json().path("status").asText() : "HTTP " + status.status();
            if (state.equals("persisted")) {
                long version = status.json().path("result").path("version").asLong();
                acknowledged(new Ack(write.user(), write.path(), write.expected(), version));
            } else {
                problems.add(write + ": ended " + state);
            }
        }
        return problems;
    }

    private static Response awaitStatus(ApiClient client, Queued write, String token, long end) {
        while (true) {
            Response status = PacedReads.get(client, "/v1/requests/" + write.requestId() + "?wait=" + STATUS_WAIT_SECONDS,
                    token);
            boolean queuedStill = status.status() == 200 && status.json().path("status").asText().equals("queued");
            if (!queuedStill || System.nanoTime() > end) {
                return status;
            }
        }
    }

    /** Reads every acknowledged write back; returns one line per write that is missing or not as acknowledged. */
    public List<String> verify(ApiClient client, Function<String, String> tokenOfUser) {
        List<String> problems = new ArrayList<>();
        for (Ack ack : acks.values()) {
            Response read = readBack(client, ack, tokenOfUser.apply(ack.user()));
            if (read.status() != 200) {
                problems.add(ack + ": read back " + read.status());
            } else if (ack.isBlob() ? !sha256(read.bytes()).equals(ack.expected()) : !sameRecord(ack, read)) {
                problems.add(ack + ": read back other content");
            }
        }
        return problems;
    }

    private static Response readBack(ApiClient client, Ack ack, String token) {
        return PacedReads.get(client, "/v1/users/" + ack.user() + "/" + ack.path(), token);
    }

    private static boolean sameRecord(Ack ack, Response read) {
        return read.json().get("version").asLong() == ack.version()
                && read.json().get("value").toString().equals(ack.expected());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
