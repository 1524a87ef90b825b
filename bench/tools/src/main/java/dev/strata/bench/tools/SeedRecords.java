package dev.strata.bench.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the records a read workload expects: PUTs {@code {"seeded":true}} to BASE_URL + PREFIX + i for
 * i in [0, COUNT) over a few connections, with STRATA_TOKEN as bearer token when set. Exits non-zero on any
 * non-2xx answer, so a benchmark never measures 404s.
 *
 * <p>Usage: {@code SeedRecords BASE_URL PREFIX COUNT}, e.g. {@code http://127.0.0.1:8080/v1/users/me/records/ zipf- 10000}.
 */
public final class SeedRecords {
    private static final int CONNECTIONS = 8;

    private SeedRecords() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0] + args[1];
        int count = Integer.parseInt(args[2]);
        String token = System.getenv("STRATA_TOKEN");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            Future<?>[] workers = new Future<?>[CONNECTIONS];
            for (int w = 0; w < CONNECTIONS; w++) {
                workers[w] = pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        put(client, URI.create(base + i), token);
                    }
                    return null;
                });
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("seeded " + count + " records under " + base);
    }

    private static void put(HttpClient client, URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"seeded\":true}"));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
