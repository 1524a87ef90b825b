package dev.strata.adapter.queue.kafka;

import java.time.Duration;

/**
 * How to reach Kafka and how hard to try.
 *
 * @param topic             queued writes; its dead-letter topic is {@code <topic>.dlt}
 * @param partitions        partitions of the topic when Strata creates it
 * @param replicationFactor replicas of each partition when Strata creates the topics
 * @param ackTimeout        longest a request waits for Kafka's acknowledgement before answering 503
 * @param deliveryTimeout   longest the producer keeps trying to deliver one message
 * @param maxAttempts       attempts to apply a message before it goes to the dead-letter topic
 * @param maxUserBacklog    queued, unapplied writes one user may have before new ones get 503
 * @param queuedExpiry      a message older than this is not applied: its request has expired, or will at the next sweep
 */
public record KafkaSettings(String bootstrap, String topic, int partitions, short replicationFactor, Duration ackTimeout,
                            Duration deliveryTimeout, int maxAttempts, long maxUserBacklog, Duration queuedExpiry) {

    public String deadLetterTopic() {
        return topic + ".dlt";
    }
}
