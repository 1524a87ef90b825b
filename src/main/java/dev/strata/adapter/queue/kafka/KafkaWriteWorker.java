package dev.strata.adapter.queue.kafka;

import dev.strata.domain.QueuedWrite;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteOperation;
import dev.strata.port.StorageUnavailableException;
import dev.strata.service.QueuedWriteApplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role: one consumer thread in group {@code strata-worker} that applies queued writes in partition order
 * and commits offsets only after their applies committed, so a crash redelivers (and the applier skips) rather than
 * loses. A message that fails {@code maxAttempts} times goes to the dead-letter topic and its request becomes failed;
 * the partition moves on. An unreachable shard is not the message's fault: the batch is rewound and retried.
 */
public final class KafkaWriteWorker implements AutoCloseable {
    public static final String GROUP_ID = "strata-worker";
    private static final Logger log = LoggerFactory.getLogger(KafkaWriteWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration UNAVAILABLE_BACKOFF = Duration.ofMillis(500);

    private final KafkaSettings settings;
    private final QueuedWriteApplier applier;
    private final MeterRegistry registry;
    private final Clock clock;
    private final QueuedWriteCodec codec = new QueuedWriteCodec();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final Map<Integer, AtomicLong> lagByPartition = new ConcurrentHashMap<>();
    private final Counter redeliveriesSkipped;
    private final Counter expiredSkipped;
    private final Thread thread;
    private volatile boolean running = true;

    public KafkaWriteWorker(KafkaSettings settings, QueuedWriteApplier applier, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.applier = applier;
        this.registry = registry;
        this.clock = clock;
        this.redeliveriesSkipped = Counter.builder("strata.queue.redelivered.skipped")
                .description("queued writes not applied again because their request id was already applied, "
                        + "e.g. redelivered after a worker died between its database commit and its offset commit")
                .register(registry);
        this.expiredSkipped = Counter.builder("strata.queue.expired.skipped")
                .description("queued writes not applied because their request had expired to failed before the message "
                        + "arrived, or the message itself was older than writes.queuedExpiry")
                .register(registry);
        this.consumer = new KafkaConsumer<>(consumerConfig(settings), new StringDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(KafkaWriteQueue.producerConfig(settings), new StringSerializer(),
                new ByteArraySerializer());
        this.thread = new Thread(this::run, "strata-worker");
        thread.start();
    }

    private static Properties consumerConfig(KafkaSettings settings) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        // a crashed worker's partitions move to the others after this long without heartbeats (default 45 s)
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        // offset commits and lookups give up after this (default 60 s) and the loop resumes from the committed offsets
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
        return p;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.topic()), new LagGauges());
            boolean rewindPending = false;
            while (running) {
                try {
                    if (rewindPending) {
                        rewindToCommitted();
                        rewindPending = false;
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        process(records);
                    }
                    updateLag();
                } catch (KafkaException e) {
                    if (e instanceof WakeupException) {
                        throw e;
                    }
                    log.warn("Kafka failed the worker's poll or offset commit; resuming from the committed offsets", e);
                    rewindPending = true;
                    pause(UNAVAILABLE_BACKOFF);
                }
            }
        } catch (WakeupException e) {
            // close() asked the consumer to stop
        } catch (RuntimeException e) {
            log.error("the write worker stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Applies a poll's messages partition by partition and commits the offsets of the partitions done. Within a
     * partition each user's messages are applied together, in their order, in one transaction: one commit per user and
     * poll instead of one per message, which bounded a worker by the database's commit latency.
     */
    private void process(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            if (!running) {
                break;
            }
            List<ConsumerRecord<String, byte[]>> inOrder = records.records(partition);
            if (!handle(inOrder)) {
                commit(done);
                rewind(records, done);
                pause(UNAVAILABLE_BACKOFF);
                return;
            }
            done.put(partition, new OffsetAndMetadata(inOrder.get(inOrder.size() - 1).offset() + 1));
        }
        commit(done);
    }

    /** True when every message of one partition's batch is done with; false to retry the batch later. */
    private boolean handle(List<ConsumerRecord<String, byte[]>> inOrder) {
        Map<UserId, List<ConsumerRecord<String, byte[]>>> recordsByUser = new LinkedHashMap<>();
        Map<UserId, List<QueuedWrite>> writesByUser = new LinkedHashMap<>();
        long sentBefore = clock.millis() - settings.queuedExpiry().toMillis();
        for (ConsumerRecord<String, byte[]> record : inOrder) {
            if (sentLongerAgoThanTheExpiry(record, sentBefore)) {
                log.warn("skipping queued write {}-{}@{}: sent longer ago than writes.queuedExpiry ({})", record.topic(),
                        record.partition(), record.offset(), settings.queuedExpiry());
                expiredSkipped.increment();
                continue;
            }
            QueuedWrite write;
            try {
                write = codec.decode(record.value());
            } catch (RuntimeException unreadable) {
                if (!handle(record)) {
                    return false;
                }
                continue;
            }
            recordsByUser.computeIfAbsent(write.user(), u -> new ArrayList<>()).add(record);
            writesByUser.computeIfAbsent(write.user(), u -> new ArrayList<>()).add(write);
        }
        for (Map.Entry<UserId, List<QueuedWrite>> user : writesByUser.entrySet()) {
            if (!applyAll(user.getKey(), user.getValue(), recordsByUser.get(user.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Such a message is never applied, whatever the store holds for its request: the expiry sweep fails (or failed) a
     * request queued that long, and the status and applied mark that would show it may since have been purged.
     */
    private static boolean sentLongerAgoThanTheExpiry(ConsumerRecord<String, byte[]> record, long sentBefore) {
        return record.timestamp() >= 0 && record.timestamp() < sentBefore;
    }

    private boolean applyAll(UserId user, List<QueuedWrite> writes, List<ConsumerRecord<String, byte[]>> records) {
        try {
            applier.applyAll(user, writes).forEach(this::count);
            return true;
        } catch (StorageUnavailableException e) {
            log.warn("cannot apply {} queued writes of user {} now: {}", writes.size(), user.value(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // nothing of the batch was applied; one at a time finds the message at fault, retries and dead-letters it
            log.warn("applying {} queued writes of user {} together failed; applying them one at a time", writes.size(),
                    user.value(), e);
            for (ConsumerRecord<String, byte[]> record : records) {
                if (!handle(record)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** True when the message is done with (applied, skipped or dead-lettered); false to retry it later. */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        for (int attempt = 1; ; attempt++) {
            try {
                count(applier.apply(codec.decode(record.value())));
                return true;
            } catch (StorageUnavailableException e) {
                log.warn("cannot apply queued write at {}-{}@{} now: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return false;
            } catch (RuntimeException e) {
                if (attempt >= settings.maxAttempts()) {
                    return deadLetter(record, e);
                }
                log.warn("attempt {} of {} to apply {}-{}@{} failed", attempt, settings.maxAttempts(), record.topic(),
                        record.partition(), record.offset(), e);
                pause(Duration.ofMillis(50L * attempt));
            }
        }
    }

    private void count(QueuedWriteApplier.Outcome outcome) {
        switch (outcome) {
            case APPLIED -> { }
            case REDELIVERED -> redeliveriesSkipped.increment();
            case EXPIRED -> expiredSkipped.increment();
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException failure) {
        String reason = String.valueOf(failure.getMessage());
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(settings.deadLetterTopic(), null, record.key(),
                record.value(), record.headers());
        dead.headers().add("strata-failure", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            deadLetters.send(dead).get(settings.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            String user = QueuedWriteCodec.header(record.headers(), QueuedWriteCodec.USER_HEADER);
            String requestId = QueuedWriteCodec.header(record.headers(), QueuedWriteCodec.REQUEST_HEADER);
            String operation = QueuedWriteCodec.header(record.headers(), QueuedWriteCodec.OPERATION_HEADER);
            if (user != null && requestId != null && operation != null) {
                applier.markUndeliverable(new UserId(user), requestId, WriteOperation.valueOf(operation),
                        "the write could not be applied after " + settings.maxAttempts() + " attempts: " + reason);
            }
            log.error("queued write {}-{}@{} moved to {} after {} attempts", record.topic(), record.partition(),
                    record.offset(), settings.deadLetterTopic(), settings.maxAttempts(), failure);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("cannot dead-letter {}-{}@{} now; retrying later", record.topic(), record.partition(), record.offset(), e);
            return false;
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
    }

    /** Seeks every partition of the batch back to its first message not yet done, so the next poll delivers it again. */
    private void rewind(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done) {
        for (TopicPartition partition : records.partitions()) {
            OffsetAndMetadata next = done.get(partition);
            consumer.seek(partition, next != null ? next.offset() : records.records(partition).get(0).offset());
        }
    }

    /**
     * After a failed commit the consumer's position is past messages whose offsets were not committed: seek back so
     * they are delivered again (the applier skips those already applied) rather than left behind until a rebalance.
     * Throws while Kafka does not answer; the loop then tries again before polling.
     */
    private void rewindToCommitted() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment(), settings.deliveryTimeout());
        for (TopicPartition partition : consumer.assignment()) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private void updateLag() {
        for (TopicPartition partition : consumer.assignment()) {
            consumer.currentLag(partition).ifPresent(lag -> lagGauge(partition.partition()).set(lag));
        }
    }

    private AtomicLong lagGauge(int partition) {
        return lagByPartition.computeIfAbsent(partition, p -> {
            AtomicLong lag = new AtomicLong();
            Gauge.builder("strata.queue.consumer.lag", lag, AtomicLong::get)
                    .description("queued writes not yet applied by this worker")
                    .tag("partition", String.valueOf(p))
                    .register(registry);
            return lag;
        });
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the message in hand; what was applied but not committed is redelivered and skipped. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(5));
    }

    /** A partition this worker no longer owns shows no lag here; its new owner reports it. */
    private final class LagGauges implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> lagGauge(p.partition()).set(0));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> lagGauge(p.partition()));
        }
    }
}
