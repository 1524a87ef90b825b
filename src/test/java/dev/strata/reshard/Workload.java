package dev.strata.reshard;

import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients writing and reading through several api replicas at once. Each key has one writer, which sends its writes
 * one after another ({"n": 1, 2, …}) and retries a 503 with the same Idempotency-Key; the ledger holds, per key, the
 * last acknowledged n and version. Readers remember per key the highest version they saw. Every violation is
 * collected as a message instead of being thrown from a client thread.
 */
final class Workload implements AutoCloseable {
    private static final Duration RETRY_LIMIT = Duration.ofSeconds(30);

    record Key(String user, String key) {
        String path() {
            return "/v1/users/" + user + "/records/" + key;
        }
    }

    record Acked(long n, long version) {
    }

    private final List<TestServer> replicas;
    private final List<Key> keys;
    private final Map<Key, Acked> ledger = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong longestUnavailableMillis = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Future<?>> clients = new ArrayList<>();

    Workload(List<TestServer> replicas, List<Key> keys) {
        this.replicas = replicas;
        this.keys = keys;
    }

    /** Gives every key its first version, so readers always find it. */
    Workload seed() {
        for (Key key : keys) {
            write(key, 1);
        }
        return this;
    }

    Workload start(int writers, int readers) {
        for (int w = 0; w < writers; w++) {
            List<Key> own = new ArrayList<>();
            for (int i = w; i < keys.size(); i += writers) {
                own.add(keys.get(i));
            }
            clients.add(threads.submit(() -> writeLoop(own)));
        }
        for (int r = 0; r < readers; r++) {
            int seed = r;
            clients.add(threads.submit(() -> readLoop(new Random(seed))));
        }
        return this;
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        for (Future<?> client : clients) {
            client.get(RETRY_LIMIT.toSeconds() + 10, TimeUnit.SECONDS);
        }
        threads.shutdownNow();
    }

    Map<Key, Acked> ledger() {
        return ledger;
    }

    List<String> violations() {
        return violations;
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long reads() {
        return reads.get();
    }

    long unavailable() {
        return unavailable.get();
    }

    /** The longest any writer spent getting 503s for one write before it was acknowledged. */
    Duration longestUnavailable() {
        return Duration.ofMillis(longestUnavailableMillis.get());
    }

    private void writeLoop(List<Key> own) {
        Random random = new Random(own.hashCode());
        while (running.get()) {
            Key key = own.get(random.nextInt(own.size()));
            write(key, ledger.get(key).n() + 1);
        }
    }

    private void write(Key key, long n) {
        String idempotencyKey = "w-" + key.user() + "-" + key.key() + "-" + n;
        long firstUnavailable = 0;
        long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            TestServer replica = replicas.get((int) ((n + attempt) % replicas.size()));
            ApiClient.Response response = replica.client().unchecked().request("PUT", key.path())
                    .token(replica.token(key.user())).header("Idempotency-Key", idempotencyKey)
                    .body("{\"n\":" + n + "}").send();
            if (response.status() == 503) {
                unavailable.incrementAndGet();
                firstUnavailable = firstUnavailable == 0 ? System.nanoTime() : firstUnavailable;
                if (response.header("Retry-After") == null) {
                    violations.add("503 without Retry-After for " + key);
                }
                sleep(50);
                continue;
            }
            if (firstUnavailable != 0) {
                long millis = (System.nanoTime() - firstUnavailable) / 1_000_000;
                longestUnavailableMillis.accumulateAndGet(millis, Math::max);
            }
            if (response.status() != 200 && response.status() != 201) {
                violations.add("write " + n + " of " + key + " got " + response.status() + ": " + response.text());
                return;
            }
            long version = response.json().path("version").asLong();
            Acked previous = ledger.get(key);
            long expected = previous == null ? 1 : previous.version() + 1;
            if (version != expected) {
                violations.add("write " + n + " of " + key + " acknowledged as version " + version + ", expected " + expected);
            }
            ledger.put(key, new Acked(n, version));
            acknowledged.incrementAndGet();
            return;
        }
        violations.add("write " + n + " of " + key + " still unavailable after " + RETRY_LIMIT);
    }

    private void readLoop(Random random) {
        Map<Key, Long> seen = new ConcurrentHashMap<>();
        while (running.get()) {
            Key key = keys.get(random.nextInt(keys.size()));
            TestServer replica = replicas.get(random.nextInt(replicas.size()));
            ApiClient.Response response = replica.client().unchecked().get(key.path(), replica.token(key.user()));
            reads.incrementAndGet();
            if (response.status() != 200) {
                violations.add("read of " + key + " got " + response.status() + ": " + response.text());
                continue;
            }
            long version = response.json().path("version").asLong();
            long before = seen.getOrDefault(key, 0L);
            if (version < before) {
                violations.add("read of " + key + " returned version " + version + " after this reader saw " + before);
            }
            seen.put(key, Math.max(before, version));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
