package dev.strata.millions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.adapter.store.sharded.ShardedRecordStore;
import dev.strata.adapter.store.sharded.ShardedSettings;
import dev.strata.domain.QueuedWrite;
import dev.strata.domain.WriteOperation;
import dev.strata.service.RequestStatusSweeper;
import dev.strata.testing.ApiClient;
import dev.strata.testing.Closer;
import dev.strata.testing.ShardedTierYaml;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.KafkaBroker;
import dev.strata.testing.servers.PostgresServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Request status housekeeping on the queued tier: one PostgreSQL shard, a KRaft Kafka broker, an api server and, from
 * the second step on, a worker. The sweeps run through the sharded store as the housekeeping timer runs them, with a
 * clock set a day or more ahead instead of waiting a day.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestStatusSweepIT {
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration QUEUED_EXPIRY = Duration.ofHours(24);

    private static PostgresServers shards;
    private static KafkaBroker kafka;
    private static MillionsTier tier;
    private static TestServer api;
    private static TestServer worker;
    private static ShardedRecordStore store;

    @BeforeAll
    static void start() {
        shards = PostgresServers.start(1);
        kafka = KafkaBroker.start();
        tier = new MillionsTier(shards).queued(kafka.bootstrapServers(), "strata.writes")
                .env("STRATA_MAX_USER_BACKLOG", "2");
        api = tier.start("api");
        store = ShardedRecordStore.open(new ShardedSettings(List.of(shards.get(0).jdbcUrl()), shards.user(),
                shards.password(), ShardedTierYaml.BUCKETS, 2, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(300)), new SimpleMeterRegistry(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        Closer.closeAll(store, worker, api, kafka, shards);
    }

    @Test
    @Order(1)
    void writesStillQueuedPastTheExpiry_failAsExpired_andStopCountingAgainstTheBacklog() {
        String token = api.token("carol");
        assertThat(put(token, "late-1", "first").status()).isEqualTo(202);
        assertThat(put(token, "late-2", "second").status()).isEqualTo(202);
        assertThat(put(token, "blocked", "third").status()).as("backlog of 2 is full").isEqualTo(503);

        int expired = sweeper(Clock.offset(Clock.systemUTC(), QUEUED_EXPIRY.plusMinutes(1))).expireQueued();

        assertThat(expired).isEqualTo(2);
        JsonNode status = api.client().get("/v1/requests/late-1", token).json();
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("problem").path("type").asText()).isEqualTo("/problems/write-expired");
        assertThat(status.path("problem").path("detail").asText()).startsWith("expired: the write never reached the queue");
        ApiClient.Response waitedReplay = api.client().request("PUT", "/v1/users/me/records/first").token(token)
                .header("Idempotency-Key", "late-1").header("Prefer", "wait=5").body("{\"v\":\"late-1\"}").send();
        assertThat(waitedReplay.status()).isEqualTo(500);
        assertThat(put(token, "after-expiry", "third").status()).as("expired writes left the backlog").isEqualTo(202);
    }

    @Test
    @Order(2)
    void aMessageThatArrivesAfterItsRequestExpired_isSkippedAndCounted_whileALaterWriteIsPersisted() {
        String token = api.token("carol");
        worker = tier.start("worker");

        JsonNode persisted = api.client().get("/v1/requests/after-expiry?wait=30", token).json();

        assertThat(persisted.path("status").asText()).isEqualTo("persisted");
        assertThat(api.client().get("/v1/users/me/records/third", token).json().path("value").path("v").asText())
                .isEqualTo("after-expiry");
        assertThat(api.client().get("/v1/users/me/records/first", token).status()).isEqualTo(404);
        assertThat(api.client().get("/v1/users/me/records/second", token).status()).isEqualTo(404);
        assertThat(api.client().get("/v1/requests/late-2", token).json().path("problem").path("type").asText())
                .isEqualTo("/problems/write-expired");
        assertThat(worker.client().get("/metrics", null).text())
                .contains("strata_queue_expired_skipped_total 2.0")
                .contains("strata_queue_redelivered_skipped_total 0.0");
    }

    @Test
    @Order(3)
    void finishedStatusesPastTheRetention_arePurged_andRecentOnesKept() throws InterruptedException {
        String token = api.token("dave");
        assertThat(put(token, "old", "a").status()).isEqualTo(202);
        assertThat(api.client().get("/v1/requests/old?wait=30", token).json().path("status").asText()).isEqualTo("persisted");
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        assertThat(put(token, "recent", "b").status()).isEqualTo(202);
        assertThat(api.client().get("/v1/requests/recent?wait=30", token).json().path("status").asText()).isEqualTo("persisted");

        int purged = sweeper(Clock.fixed(between.plus(RETENTION), ZoneOffset.UTC)).purgeFinished();

        assertThat(purged).as("dave's old and carol's after-expiry").isEqualTo(2);
        assertThat(api.client().get("/v1/requests/old", token).status()).isEqualTo(404);
        assertThat(api.client().get("/v1/requests/after-expiry", api.token("carol")).status()).isEqualTo(404);
        assertThat(api.client().get("/v1/requests/late-1", api.token("carol")).json().path("status").asText())
                .as("failed by the expiry at its clock, a day ahead").isEqualTo("failed");
        assertThat(api.client().get("/v1/requests/recent", token).json().path("status").asText()).isEqualTo("persisted");
        assertThat(api.client().get("/v1/users/me/records/a", token).status()).as("only statuses go").isEqualTo(200);
    }

    @Test
    @Order(4)
    void aMessageSentLongerAgoThanTheExpiry_isSkipped_evenWithNoStatusOrMarkLeftToShowIt() throws Exception {
        String token = api.token("carol");
        QueuedWrite ancient = new QueuedWrite("ancient", "carol", WriteOperation.RECORD_PUT, "0".repeat(64), "ancient",
                "{\"v\":\"ancient\"}", null, false, null, 0, null, null);
        long sentAt = System.currentTimeMillis() - QUEUED_EXPIRY.plusMinutes(1).toMillis();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("strata.writes", null, sentAt, "carol",
                    new ObjectMapper().writeValueAsBytes(ancient))).get(10, TimeUnit.SECONDS);
        }
        assertThat(put(token, "after-ancient", "fourth").status()).isEqualTo(202);

        assertThat(api.client().get("/v1/requests/after-ancient?wait=30", token).json().path("status").asText())
                .as("the same user's next message, on the same partition").isEqualTo("persisted");
        assertThat(api.client().get("/v1/users/me/records/ancient", token).status()).isEqualTo(404);
        assertThat(worker.client().get("/metrics", null).text()).contains("strata_queue_expired_skipped_total 3.0");
    }

    @Test
    @Order(5)
    void appliedMarksAreKeptForTwiceTheExpiry_thenPurged() {
        Clock now = Clock.systemUTC();

        assertThat(sweeper(Clock.offset(now, QUEUED_EXPIRY.multipliedBy(2).minusHours(1))).purgeApplied()).isZero();
        assertThat(sweeper(Clock.offset(now, QUEUED_EXPIRY.multipliedBy(2).plusMinutes(1))).purgeApplied())
                .as("carol's late-1, late-2, after-expiry, after-ancient; dave's old, recent").isEqualTo(6);
    }

    private static ApiClient.Response put(String token, String idempotencyKey, String recordKey) {
        return api.client().request("PUT", "/v1/users/me/records/" + recordKey).token(token)
                .header("Idempotency-Key", idempotencyKey).body("{\"v\":\"" + idempotencyKey + "\"}").send();
    }

    private static RequestStatusSweeper sweeper(Clock clock) {
        return new RequestStatusSweeper(store, clock, RETENTION, QUEUED_EXPIRY);
    }
}
