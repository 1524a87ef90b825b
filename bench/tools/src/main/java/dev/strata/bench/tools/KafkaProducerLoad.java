package dev.strata.bench.tools;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The kafka-producer baseline: the Kafka producer alone, configured as Strata's write queue configures it
 * (acks=all, idempotent, linger.ms=2), one shared producer, THREADS threads each sending a record-sized
 * message and waiting for its ack before the next, as each queued PUT waits for its ack before answering 202.
 * Runs SECONDS seconds and prints a WRK_JSON line (see {@link LoadLoop}).
 *
 * <p>Usage: {@code KafkaProducerLoad BOOTSTRAP TOPIC THREADS SECONDS}
 */
public final class KafkaProducerLoad {
    private KafkaProducerLoad() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        String topic = args[1];
        int threads = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            LoadLoop.run(threads, seconds, (thread, seq) -> {
                byte[] value = ("{\"op\":\"put\",\"user\":\"bench\",\"key\":\"bench-" + thread + "-" + seq
                        + "\",\"value\":{\"displayName\":\"User\",\"theme\":\"dark\",\"locale\":\"en-GB\","
                        + "\"notifications\":true,\"counter\":" + seq + "}}").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, "bench", value)).get();
                return true;
            });
        }
        System.exit(0); // the HTTP and Kafka clients leave non-daemon threads that would hold the JVM for a minute
    }
}
