package dev.strata.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/** The record cache. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CacheConfig.None.class, name = "none"),
        @JsonSubTypes.Type(value = CacheConfig.Caffeine.class, name = "caffeine"),
        @JsonSubTypes.Type(value = CacheConfig.TwoLevel.class, name = "two-level")})
public sealed interface CacheConfig {

    /** No cache: every read goes to the store. */
    record None() implements CacheConfig {
    }

    /**
     * An in-process cache bounded by bytes.
     *
     * @param maxBytes bytes of record data to hold (default 64MiB)
     * @param ttl      an entry is dropped this long after it was written (default 10m)
     */
    record Caffeine(DataSize maxBytes, Duration ttl) implements CacheConfig {
        public Caffeine {
            maxBytes = maxBytes == null ? DataSize.ofMebibytes(64) : maxBytes;
            ttl = ttl == null ? Duration.ofMinutes(10) : ttl;
        }
    }

    /**
     * A Caffeine near-cache in each process in front of a shared Redis.
     *
     * @param redisUrl     redis:// URL (or several, comma-separated)
     * @param nearMaxBytes bytes the near-cache holds (default 32MiB)
     * @param ttl          entry lifetime in both levels (default 10m)
     * @param commandTimeout longest wait for one Redis command before the read goes to the database (default 250ms)
     */
    record TwoLevel(String redisUrl, DataSize nearMaxBytes, Duration ttl, Duration commandTimeout) implements CacheConfig {
        public TwoLevel {
            ConfigException.require(redisUrl != null && !redisUrl.isBlank(), "cache.redisUrl", "is required");
            nearMaxBytes = nearMaxBytes == null ? DataSize.ofMebibytes(32) : nearMaxBytes;
            ttl = ttl == null ? Duration.ofMinutes(10) : ttl;
            commandTimeout = commandTimeout == null ? Duration.ofMillis(250) : commandTimeout;
        }
    }
}
