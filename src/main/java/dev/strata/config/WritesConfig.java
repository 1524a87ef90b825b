package dev.strata.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/** Whether writes are applied in the request (sync) or queued through Kafka (queued). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mode")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WritesConfig.Sync.class, name = "sync"),
        @JsonSubTypes.Type(value = WritesConfig.Queued.class, name = "queued")})
public sealed interface WritesConfig {

    record Sync() implements WritesConfig {
    }

    /**
     * @param bootstrap         Kafka bootstrap servers
     * @param topic             topic for queued writes; {@code <topic>.dlt} takes dead letters (default strata.writes)
     * @param partitions        partitions when Strata creates the topic; bounds how many workers share the work (default 12)
     * @param replicationFactor replicas per partition when Strata creates the topics (default 3)
     * @param ackTimeout        longest a write request waits for Kafka's acknowledgement before a 503 (default 2s)
     * @param deliveryTimeout   longest the producer keeps trying one message (default 10s)
     * @param maxAttempts       attempts to apply a message before it goes to the dead-letter topic (default 5)
     * @param maxUserBacklog    queued, unapplied writes one user may have before new ones get 503 (default 1000)
     * @param statusPoll        how often a long poll or WebSocket re-reads request statuses (default 100ms)
     * @param queuedExpiry      a request still queued this long is failed as expired, and a worker that receives its
     *                          message later, or any message sent longer ago, skips it; applied request ids are
     *                          kept twice as long; must outlast the longest worker outage or lag to ride out
     *                          (default 24h, at least 1h and longer than deliveryTimeout)
     */
    record Queued(String bootstrap, String topic, Integer partitions, Integer replicationFactor, Duration ackTimeout,
                  Duration deliveryTimeout, Integer maxAttempts, Long maxUserBacklog, Duration statusPoll,
                  Duration queuedExpiry)
            implements WritesConfig {
        private static final Duration SHORTEST_QUEUED_EXPIRY = Duration.ofHours(1);

        public Queued {
            ConfigException.require(bootstrap != null && !bootstrap.isBlank(), "writes.bootstrap", "is required");
            topic = topic == null || topic.isBlank() ? "strata.writes" : topic;
            partitions = partitions == null ? 12 : partitions;
            ConfigException.require(partitions > 0, "writes.partitions", "must be positive");
            replicationFactor = replicationFactor == null ? 3 : replicationFactor;
            ConfigException.require(replicationFactor > 0 && replicationFactor <= Short.MAX_VALUE,
                    "writes.replicationFactor", "must be positive");
            ackTimeout = ackTimeout == null ? Duration.ofSeconds(2) : ackTimeout;
            deliveryTimeout = deliveryTimeout == null ? Duration.ofSeconds(10) : deliveryTimeout;
            ConfigException.require(deliveryTimeout.compareTo(ackTimeout) >= 0, "writes.deliveryTimeout",
                    "must be at least writes.ackTimeout");
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            ConfigException.require(maxAttempts > 0, "writes.maxAttempts", "must be positive");
            maxUserBacklog = maxUserBacklog == null ? 1000L : maxUserBacklog;
            ConfigException.require(maxUserBacklog > 0, "writes.maxUserBacklog", "must be positive");
            statusPoll = statusPoll == null ? Duration.ofMillis(100) : statusPoll;
            queuedExpiry = queuedExpiry == null ? Duration.ofHours(24) : queuedExpiry;
            ConfigException.require(queuedExpiry.compareTo(SHORTEST_QUEUED_EXPIRY) >= 0
                            && queuedExpiry.compareTo(deliveryTimeout) > 0, "writes.queuedExpiry",
                    "must be at least 1h and longer than writes.deliveryTimeout");
        }
    }
}
