package dev.strata.adapter.queue.kafka;

import dev.strata.port.StorageUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the write topic and its dead-letter topic at start when they do not exist yet. */
final class KafkaTopics {
    private KafkaTopics() {
    }

    static void ensure(KafkaSettings settings) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            for (String topic : List.of(settings.topic(), settings.deadLetterTopic())) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), settings.replicationFactor())))
                            .all().get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StorageUnavailableException("cannot create Kafka topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (TimeoutException e) {
            throw new StorageUnavailableException("Kafka at " + settings.bootstrap() + " did not answer", e);
        }
    }
}
