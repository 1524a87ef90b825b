package dev.strata.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {

    @Test
    void sharedBroker_deliversAProducedRecordToAConsumerGroup() throws Exception {
        String topic = "smoke-" + UUID.randomUUID();
        String bootstrap = KafkaBroker.shared().bootstrapServers();

        produce(bootstrap, topic, "alice", "hello, queue");

        assertThat(consume(bootstrap, topic, 1)).containsExactly("alice=hello, queue");
    }

    @Test
    void killedBroker_restartsOnTheSamePortWithItsRecords() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            String topic = "chaos-" + UUID.randomUUID();
            produce(broker.bootstrapServers(), topic, "k", "before the crash");
            long firstPid = broker.pid();

            broker.kill();
            broker.restart();

            assertThat(broker.pid()).isNotEqualTo(firstPid);
            produce(broker.bootstrapServers(), topic, "k", "after the crash");
            assertThat(consume(broker.bootstrapServers(), topic, 2))
                    .containsExactly("k=before the crash", "k=after the crash");
        }
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> consume(String bootstrap, String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.key() + "=" + record.value());
                }
            }
        }
        return received;
    }
}
