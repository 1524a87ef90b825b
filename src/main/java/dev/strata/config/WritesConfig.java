package dev.strata.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Whether writes are applied in the request (sync) or queued through Kafka (queued). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mode")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WritesConfig.Sync.class, name = "sync"),
        @JsonSubTypes.Type(value = WritesConfig.Queued.class, name = "queued")})
public sealed interface WritesConfig {

    record Sync() implements WritesConfig {
    }

    /**
     * @param bootstrap Kafka bootstrap servers
     * @param topic     topic for queued writes (default strata.writes)
     */
    record Queued(String bootstrap, String topic) implements WritesConfig {
        public Queued {
            ConfigException.require(bootstrap != null && !bootstrap.isBlank(), "writes.bootstrap", "is required");
            topic = topic == null || topic.isBlank() ? "strata.writes" : topic;
        }
    }
}
