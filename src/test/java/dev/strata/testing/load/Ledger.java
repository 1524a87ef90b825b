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
 * applied twice would have a higher version). Thread-safe.
 */
public final class Ledger {
    /**
     * One acknowledged write to {@code /v1/users/{user}/{path}}: a record ({@code records/...}, {@code expected} is
     * its JSON value) or a blob ({@code blobs/...}, {@code expected} is the SHA-256 of its bytes, hex).
     */
    public record Ack(String user, String path, String expected, long version) {
        boolean isBlob() {
            return path.startsWith("blobs/");
        }
    }


    private final Map<String, Ack> acks = new ConcurrentHashMap<>();

    /** Records an acknowledged write; a key acknowledged twice must have been acknowledged with the same answer. */
    public void acknowledged(Ack ack) {
        Ack earlier = acks.putIfAbsent(ack.user() + "/" + ack.path(), ack);
        if (earlier != null && !earlier.equals(ack)) {
            throw new AssertionError("one write acknowledged twice with different answers: " + earlier + " and " + ack);
        }
    }

    public List<Ack> acks() {
        return List.copyOf(acks.values());
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
