package dev.strata.adapter.queue.kafka;

import dev.strata.domain.IdempotencyKeyReusedException;
import dev.strata.domain.QueuedWrite;
import dev.strata.domain.RequestState;
import dev.strata.domain.RequestStatus;
import dev.strata.domain.WriteOutcome;
import dev.strata.domain.WriteRequest;
import dev.strata.port.RecordStore;
import dev.strata.port.StorageUnavailableException;
import dev.strata.port.UserData;
import dev.strata.port.WriteQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues writes in Kafka (idempotent producer, {@code acks=all}, keyed by userId). The request's status record is
 * written as queued on the user's shard first, so a 202 always has a status to poll; when Kafka does not acknowledge
 * within the ack timeout the status is removed again and the caller gets 503 — never a 202 for a message Kafka did
 * not take. Should the message still arrive later, the worker applies it once and writes its status itself. A repeat
 * of a request that is still queued sends the message again, since the process that wrote the status may have died
 * before Kafka took it.
 */
public final class KafkaWriteQueue implements WriteQueue {
    private static final Logger log = LoggerFactory.getLogger(KafkaWriteQueue.class);
    private static final Duration BACKLOG_RECOUNT = Duration.ofSeconds(1);

    private final KafkaSettings settings;
    private final RecordStore store;
    private final Clock clock;
    private final QueuedWriteCodec codec = new QueuedWriteCodec();
    private final BacklogBound backlog;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaWriteQueue(KafkaSettings settings, RecordStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.backlog = new BacklogBound(settings.maxUserBacklog(), BACKLOG_RECOUNT);
        KafkaTopics.ensure(settings);
        this.producer = new KafkaProducer<>(producerConfig(settings), new StringSerializer(), new ByteArraySerializer());
    }

    static Properties producerConfig(KafkaSettings settings) {
        long deliveryMs = settings.deliveryTimeout().toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, deliveryMs - 10));
        // a send must not block a request thread on missing metadata longer than the client waits for the ack
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.ackTimeout().toMillis());
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return p;
    }

    @Override
    public <R> WriteOutcome<R> submit(WriteRequest request, Supplier<QueuedWrite> prepare, Supplier<R> applyNow) {
        if (request.clientChosenId()) {
            Optional<RequestStatus> known = store.read(request.user(), tx -> tx.findRequest(request.requestId()));
            if (known.isPresent()) {
                RequestStatus status = known.get();
                if (!status.fingerprint().equals(request.fingerprint())) {
                    throw new IdempotencyKeyReusedException("Idempotency-Key was already used for a different request");
                }
                if (status.state() == RequestState.QUEUED) {
                    // the first attempt may have died after writing the status and before Kafka took the message; the
                    // worker applies a request id once, so sending it again is harmless. A failure keeps the status.
                    publish(prepare.get());
                }
                return new WriteOutcome.Queued<>(request.requestId());
            }
        }
        backlog.admit(request.user(), () -> store.read(request.user(), UserData::queuedRequests));
        QueuedWrite write = prepare.get();
        store.insertRequestStatus(request.user(), RequestStatus.queued(write, clock.millis() * 1000));
        try {
            publish(write);
        } catch (RuntimeException e) {
            forget(request);
            throw e;
        }
        return new WriteOutcome.Queued<>(request.requestId());
    }

    private void publish(QueuedWrite write) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.topic(), write.userId(), codec.encode(write));
        QueuedWriteCodec.addHeaders(record.headers(), write);
        try {
            Future<RecordMetadata> ack = producer.send(record);
            ack.get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | KafkaException e) {
            throw new StorageUnavailableException("Kafka did not acknowledge within " + settings.ackTimeout(), e);
        } catch (ExecutionException e) {
            throw new StorageUnavailableException("Kafka refused the write: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for Kafka", e);
        }
    }

    private void forget(WriteRequest request) {
        try {
            store.write(request.user(), tx -> {
                tx.deleteQueuedRequest(request.requestId());
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("could not remove the status of refused request {}; it stays queued until it expires",
                    request.requestId(), e);
        }
    }

    @Override
    public boolean isHealthy() {
        try {
            producer.partitionsFor(settings.topic());
            return true;
        } catch (KafkaException e) {
            return false;
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", "queued");
        d.put("bootstrap", settings.bootstrap());
        d.put("topic", settings.topic());
        d.put("deadLetterTopic", settings.deadLetterTopic());
        d.put("ackTimeout", settings.ackTimeout().toString());
        d.put("maxUserBacklog", settings.maxUserBacklog());
        return d;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
