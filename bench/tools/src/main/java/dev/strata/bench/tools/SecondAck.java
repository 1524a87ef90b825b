package dev.strata.bench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The 2nd-ACK latency of queued PUTs: THREADS threads each PUT a record (expecting 202 and a requestId), then
 * poll {@code GET /v1/requests/{id}} every POLL_MS milliseconds until it says {@code persisted}; the latency
 * is from sending the PUT to seeing {@code persisted}, so its resolution is POLL_MS. Stops after COUNT PUTs
 * or SECONDS seconds, whichever first. Prints a WRK_JSON line (see {@link LoadLoop}); a failed request or
 * one not persisted within SECONDS (so that run.sh can wait out a long backlog with one PUT) counts as an error.
 *
 * <p>Usage: {@code SecondAck BASE_URL THREADS COUNT SECONDS POLL_MS}, BASE_URL e.g. http://127.0.0.1:8080;
 * STRATA_TOKEN is the bearer token.
 */
public final class SecondAck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecondAck() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int threads = Integer.parseInt(args[1]);
        long count = Long.parseLong(args[2]);
        double seconds = Double.parseDouble(args[3]);
        long pollMs = Long.parseLong(args[4]);
        String token = System.getenv("STRATA_TOKEN");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long perThread = (count + threads - 1) / threads;
        LoadLoop.run(threads, seconds, (thread, seq) -> {
            if (seq >= perThread) {
                return false;
            }
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(
                            URI.create(base + "/v1/users/me/records/ack-" + thread + "-" + seq))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"theme\":\"dark\",\"counter\":" + seq + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 202) {
                throw new IllegalStateException("PUT answered " + put.statusCode() + ": " + put.body());
            }
            String id = JSON.readTree(put.body()).path("requestId").asText();
            HttpRequest poll = HttpRequest.newBuilder(URI.create(base + "/v1/requests/" + id))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < deadline) {
                JsonNode status = JSON.readTree(client.send(poll, HttpResponse.BodyHandlers.ofString()).body());
                String state = status.path("status").asText();
                if (state.equals("persisted")) {
                    return true;
                }
                if (!state.equals("queued")) {
                    throw new IllegalStateException("request " + id + ": " + status);
                }
                Thread.sleep(pollMs);
            }
            throw new IllegalStateException("request " + id + " not persisted within " + seconds + " s");
        });
        System.exit(0); // the HTTP and Kafka clients leave non-daemon threads that would hold the JVM for a minute
    }

}
