package dev.strata.testing.load;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The record and blob calls scenarios make, each with a short HTTP timeout; writes that succeed go into the ledger.
 * Users are {@code user-0 .. user-(n-1)}; a write's key and Idempotency-Key name its client and sequence.
 */
public final class Traffic {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final ApiClient api;
    private final Map<String, String> tokens;
    private final Ledger ledger;

    /** @param tokens a token for each user, by user id */
    public Traffic(ApiClient client, Map<String, String> tokens, Ledger ledger) {
        this.api = client.unchecked();
        this.tokens = tokens;
        this.ledger = ledger;
    }

    public static String user(int client) {
        return "user-" + client;
    }

    public static String key(int client, int sequence) {
        return "k-" + client + "-" + sequence;
    }

    /** One attempt at a new record; returns the status. A 202 (queued tier) goes into the ledger as queued. */
    public int write(int client, int sequence) {
        return writeAnswer(client, sequence).status();
    }

    /** {@link #write}, returning the whole answer, e.g. to check its headers. */
    public Response writeAnswer(int client, int sequence) {
        String user = user(client % tokens.size());
        String key = key(client, sequence);
        String value = "{\"client\":" + client + ",\"sequence\":" + sequence + "}";
        Response response = api.request("PUT", "/v1/users/" + user + "/records/" + key)
                .token(tokens.get(user)).header("Idempotency-Key", key).timeout(CALL_TIMEOUT).body(value).send();
        if (response.status() == 202) {
            ledger.queued(new Ledger.Queued(user, "records/" + key, value, response.json().get("requestId").asText()));
        } else if (Tally.success(response.status())) {
            ledger.acknowledged(new Ledger.Ack(user, "records/" + key, value, response.json().get("version").asLong()));
        }
        return response;
    }

    /** One attempt at a new blob of {@code size} bytes; returns the status. */
    public int writeBlob(int client, int sequence, int size) {
        String user = user(client % tokens.size());
        String name = blobName(client, sequence);
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        Response response = api.request("PUT", "/v1/users/" + user + "/blobs/" + name)
                .token(tokens.get(user)).header("Idempotency-Key", name).timeout(CALL_TIMEOUT)
                .body(bytes, "application/octet-stream").send();
        if (Tally.success(response.status())) {
            ledger.acknowledged(new Ledger.Ack(user, "blobs/" + name, Ledger.sha256(bytes), response.json().get("version").asLong()));
        }
        return response.status();
    }

    /**
     * Writes a new record the way a careful client does: on no answer, 5xx or 409 (the first attempt is still
     * running) it tries again with the same Idempotency-Key until it gets an answer or {@code patience} passed.
     * Returns the last status.
     */
    public int writeUntilAnswered(int client, int sequence, Duration patience) {
        long end = System.nanoTime() + patience.toNanos();
        while (true) {
            int status;
            try {
                status = write(client, sequence);
            } catch (RuntimeException e) {
                status = Tally.NO_ANSWER;
            }
            boolean retryable = status == Tally.NO_ANSWER || status >= 500 || status == 409;
            if (!retryable || System.nanoTime() > end) {
                return status;
            }
            LoadDriver.sleep(RETRY_PAUSE);
        }
    }

    /** Reads the blob {@link #writeBlob} wrote for this client and sequence; 200 and 404 are both answers. */
    public int readBlob(int client, int sequence) {
        String user = user(client % tokens.size());
        return api.request("GET", "/v1/users/" + user + "/blobs/" + blobName(client, sequence))
                .token(tokens.get(user)).timeout(CALL_TIMEOUT).send().status();
    }

    private static String blobName(int client, int sequence) {
        return "b-" + client + "-" + sequence + ".bin";
    }

    /** Reads a record of the user {@code client} maps to; 200 and 404 are both answers. */
    public int read(int client, String key) {
        return readAnswer(client, key).status();
    }

    /** {@link #read}, returning the whole answer. */
    public Response readAnswer(int client, String key) {
        String user = user(client % tokens.size());
        return api.request("GET", "/v1/users/" + user + "/records/" + key)
                .token(tokens.get(user)).timeout(CALL_TIMEOUT).send();
    }

    /** A token for each of {@code users} users, by user id. */
    public static Map<String, String> tokens(int users, Function<String, String> issue) {
        Map<String, String> tokens = new HashMap<>();
        for (int u = 0; u < users; u++) {
            tokens.put(user(u), issue.apply(user(u)));
        }
        return Map.copyOf(tokens);
    }

    public Ledger ledger() {
        return ledger;
    }

    public String tokenOf(String user) {
        return tokens.get(user);
    }
}
