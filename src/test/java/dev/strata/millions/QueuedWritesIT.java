package dev.strata.millions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.domain.sharding.ShardRouter;
import dev.strata.testing.ApiClient;
import dev.strata.testing.Closer;
import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.KafkaBroker;
import dev.strata.testing.servers.PostgresServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Queued writes end to end: 3 PostgreSQL shards, a KRaft Kafka broker, 2 api servers and 2 workers (one in this JVM,
 * one a child JVM that a test kills with SIGKILL). All servers are this class's own; the last test kills Kafka.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueuedWritesIT {
    private static final String TOPIC = "strata.writes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresServers shards;
    private static KafkaBroker kafka;
    private static MillionsTier tier;
    private static TestServer api1;
    private static TestServer api2;
    private static TestServer worker1;
    private static StrataProcess worker2;

    @BeforeAll
    static void start() {
        shards = PostgresServers.start(3);
        kafka = KafkaBroker.start();
        tier = new MillionsTier(shards).queued(kafka.bootstrapServers(), TOPIC);
        api1 = tier.start("api");
        api2 = tier.start("api");
        worker1 = tier.start("worker");
        worker2 = tier.startProcess("worker");
    }

    @AfterAll
    static void stop() {
        Closer.closeAll(worker2, worker1, api2, api1, kafka, shards);
    }

    @Test
    @Order(1)
    void put_answers202WithLocation_andTheStatusLongPollsToPersisted() {
        String token = api1.token("alice");
        ApiClient.Response accepted = api1.client().put("/v1/users/me/records/greeting", token, "{\"hello\":\"world\"}");
        assertThat(accepted.status()).isEqualTo(202);
        String requestId = accepted.json().path("requestId").asText();
        assertThat(accepted.json().path("status").asText()).isEqualTo("queued");
        assertThat(accepted.header("Location")).isEqualTo("/v1/requests/" + requestId);

        JsonNode status = api2.client().get(accepted.header("Location") + "?wait=20", token).json();
        assertThat(status.path("status").asText()).isEqualTo("persisted");
        assertThat(status.path("operation").asText()).isEqualTo("record.put");
        assertThat(status.path("result").path("value").path("hello").asText()).isEqualTo("world");
        assertThat(api2.client().get("/v1/users/me/records/greeting", token).json().path("version").asInt()).isEqualTo(1);
        assertThat(api1.client().get("/v1/requests/" + requestId, api1.token("mallory")).status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void preferWait_answersLikeTheSyncPath() {
        String token = api1.token("bob");
        ApiClient.Response created = api1.client().request("PUT", "/v1/users/me/records/profile").token(token)
                .header("Prefer", "wait=20").body("{\"n\":1}").send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("value").path("n").asInt()).isEqualTo(1);
        assertThat(created.header("ETag")).isNotBlank();

        ApiClient.Response refused = api2.client().request("PUT", "/v1/users/me/records/profile").token(token)
                .header("Prefer", "wait=20").header("If-Match", "\"not-the-etag\"").body("{\"n\":2}").send();
        assertThat(refused.status()).isEqualTo(412);

        ApiClient.Response deleted = api2.client().request("DELETE", "/v1/users/me/records/profile").token(token)
                .header("Prefer", "wait=20").send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api1.client().get("/v1/users/me/records/profile", token).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aRefusedWrite_isFailedWithTheProblem_andAReplayedKeyServesTheSameStatus() {
        String token = api1.token("carol");
        ApiClient.Response accepted = api1.client().request("DELETE", "/v1/users/me/records/missing").token(token)
                .header("Idempotency-Key", "carol-delete-1").send();
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("requestId").asText()).isEqualTo("carol-delete-1");
        JsonNode status = api2.client().get("/v1/requests/carol-delete-1?wait=20", token).json();
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("problem").path("status").asInt()).isEqualTo(404);

        ApiClient.Response replay = api2.client().request("DELETE", "/v1/users/me/records/missing").token(token)
                .header("Idempotency-Key", "carol-delete-1").send();
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.header("Location")).isEqualTo("/v1/requests/carol-delete-1");
        ApiClient.Response waitedReplay = api2.client().request("DELETE", "/v1/users/me/records/missing").token(token)
                .header("Idempotency-Key", "carol-delete-1").header("Prefer", "wait=5").send();
        assertThat(waitedReplay.status()).isEqualTo(404);
        ApiClient.Response reused = api2.client().request("DELETE", "/v1/users/me/records/other").token(token)
                .header("Idempotency-Key", "carol-delete-1").send();
        assertThat(reused.status()).isEqualTo(422);
    }

    /** A user's queued writes are applied together in one transaction: a refused one among them fails only itself. */
    @Test
    @Order(3)
    void aRefusedWriteInAUsersBurst_failsOnlyItself() {
        String token = api1.token("dave");
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ApiClient.Response accepted = i == 15
                    ? api1.client().delete("/v1/users/me/records/missing", token)
                    : api1.client().put("/v1/users/me/records/burst-" + (i % 10), token, "{\"n\":" + i + "}");
            assertThat(accepted.status()).isEqualTo(202);
            requestIds.add(accepted.json().path("requestId").asText());
        }
        for (int i = 0; i < requestIds.size(); i++) {
            JsonNode status = api2.client().get("/v1/requests/" + requestIds.get(i) + "?wait=20", token).json();
            assertThat(status.path("status").asText()).as("request %d", i).isEqualTo(i == 15 ? "failed" : "persisted");
        }
        for (int k = 0; k < 10; k++) {
            JsonNode record = api2.client().get("/v1/users/me/records/burst-" + k, token).json();
            assertThat(record.path("value").path("n").asInt()).isEqualTo(20 + k);
            assertThat(record.path("version").asInt()).isEqualTo(k == 5 ? 2 : 3);
        }
    }

    @Test
    @Order(4)
    void blobs_storeBytesFirst_andQueueOnlyTheCommit() {
        String token = api1.token("dave");
        byte[] bytes = "queued blob bytes".getBytes(StandardCharsets.UTF_8);
        ApiClient.Response accepted = api1.client().request("PUT", "/v1/users/me/blobs/notes.txt").token(token)
                .body(bytes, "text/plain").send();
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode status = api2.client().get(accepted.header("Location") + "?wait=20", token).json();
        assertThat(status.path("status").asText()).isEqualTo("persisted");
        assertThat(status.path("result").path("size").asInt()).isEqualTo(bytes.length);
        assertThat(api2.client().get("/v1/users/me/blobs/notes.txt", token).bytes()).isEqualTo(bytes);
    }

    @Test
    @Order(5)
    void theWebSocket_pushesTheCallersStatusChanges() throws Exception {
        String token = api1.token("erin");
        ConcurrentLinkedQueue<JsonNode> messages = new ConcurrentLinkedQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(api2.client().baseUrl().replace("http", "ws") + "/v1/requests/stream?access_token=" + token),
                        new Collector(messages))
                .get(10, TimeUnit.SECONDS);
        try {
            api1.client().put("/v1/users/me/records/other-user-noise", api1.token("frank"), "1");
            String requestId = api1.client().put("/v1/users/me/records/k", token, "{\"v\":1}").json().path("requestId").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> messages.stream().anyMatch(m ->
                    m.path("requestId").asText().equals(requestId) && m.path("status").asText().equals("persisted")));
            assertThat(messages).allMatch(m -> m.path("requestId").asText().equals(requestId));
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(6)
    void thousandsOfWrites_fromHundredsOfUsers_persistExactlyOnceInOrder_evenWhenAWorkerIsKilled() throws Exception {
        int users = 250;
        int writesPerUser = 8;
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<Future<?>> done = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = "load-" + u;
            done.add(clients.submit(() -> {
                for (int n = 1; n <= writesPerUser; n++) {
                    TestServer api = n % 2 == 0 ? api1 : api2;
                    ApiClient.Response response = api.client().request("PUT", "/v1/users/me/records/counter")
                            .token(api.token(user)).header("Idempotency-Key", user + "-" + n).body("{\"n\":" + n + "}").send();
                    assertThat(response.status()).as("write %s of %s", n, user).isEqualTo(202);
                    accepted.incrementAndGet();
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= users * writesPerUser / 3);
        worker2.kill();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();

        TestServer reader = api1;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                IntStream.range(0, users).allMatch(u -> {
                    ApiClient.Response r = reader.client().unchecked().get("/v1/users/me/records/counter", reader.token("load-" + u));
                    return r.status() == 200 && r.json().path("value").path("n").asInt() == writesPerUser;
                }));
        for (int u = 0; u < users; u++) {
            JsonNode record = reader.client().get("/v1/users/me/records/counter", reader.token("load-" + u)).json();
            assertThat(record.path("version").asInt()).as("versions of load-%s (one per write, none twice)", u)
                    .isEqualTo(writesPerUser);
        }
        ShardCatalog catalog = new ShardCatalog(shards);
        ShardRouter router = catalog.router();
        Set<String> seen = new HashSet<>();
        int applied = 0;
        for (int shard = 0; shard < shards.size(); shard++) {
            for (String user : catalog.strings(shard, "SELECT user_id FROM records WHERE user_id LIKE 'load-%'")) {
                assertThat(ShardCatalog.indexOf(router.shardOf(user))).as("shard of %s", user).isEqualTo(shard);
                seen.add(user);
            }
            applied += Integer.parseInt(catalog.strings(shard,
                    "SELECT count(*) FROM applied_requests WHERE user_id LIKE 'load-%'").get(0));
        }
        assertThat(seen).hasSize(users);
        assertThat(applied).isEqualTo(users * writesPerUser);
        assertThat(api1.client().get("/metrics", null).text()).doesNotContain("strata_queue_consumer_lag");
        assertThat(worker1.client().get("/metrics", null).text()).contains("strata_queue_consumer_lag{partition=");
    }

    @Test
    @Order(7)
    void aPoisonMessage_reachesTheDeadLetterTopic_andItsRequestFails() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(TOPIC, "grace", "{not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("strata-user", "grace".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("strata-request", "poison-1".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("strata-operation", "RECORD_PUT".getBytes(StandardCharsets.UTF_8));
            producer.send(poison).get(10, TimeUnit.SECONDS);
        }
        String token = api1.token("grace");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api1.client().unchecked().get("/v1/requests/poison-1", token).status() == 200);
        JsonNode status = api1.client().get("/v1/requests/poison-1?wait=20", token).json();
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("problem").path("type").asText()).isEqualTo("/problems/write-undeliverable");

        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            dlt.subscribe(List.of(TOPIC + ".dlt"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (values.isEmpty() && System.nanoTime() < deadline) {
                dlt.poll(Duration.ofMillis(500)).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
            }
            assertThat(values).containsExactly("{not json");
        }
    }

    @Test
    @Order(8)
    void aUserOverTheBacklogBound_getsA503() {
        try (TestServer lonely = new MillionsTier(shards).queued(kafka.bootstrapServers(), "strata.unconsumed")
                .env("STRATA_MAX_USER_BACKLOG", "2").start("api")) {
            String token = lonely.token("henry");
            assertThat(lonely.client().put("/v1/users/me/records/a", token, "1").status()).isEqualTo(202);
            assertThat(lonely.client().put("/v1/users/me/records/b", token, "2").status()).isEqualTo(202);
            ApiClient.Response refused = lonely.client().put("/v1/users/me/records/c", token, "3");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotNull();
        }
    }

    @Test
    @Order(9)
    void kafkaDown_givesFast503s_andWritesWorkAgainAfterItsRestart() {
        String token = api1.token("ivan");
        kafka.kill();
        long started = System.nanoTime();
        ApiClient.Response refused = api1.client().put("/v1/users/me/records/x", token, "1");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        kafka.restart();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                api1.client().request("PUT", "/v1/users/me/records/x").token(token).header("Idempotency-Key", "ivan-x")
                        .body("2").send().status() == 202);
        assertThat(api1.client().get("/v1/requests/ivan-x?wait=30", token).json().path("status").asText())
                .isEqualTo("persisted");
    }

    private record Collector(ConcurrentLinkedQueue<JsonNode> messages) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            try {
                messages.add(JSON.readTree(data.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            webSocket.request(1);
            return null;
        }
    }
}
