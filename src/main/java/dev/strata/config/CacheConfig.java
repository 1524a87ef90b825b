package dev.strata.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
     * @param redisUrl       redis:// URLs, comma-separated: exactly one for {@code single}; the nodes in order for
     *                       {@code ring}; any reachable nodes (seeds) for {@code cluster}
     * @param redisMode      how the Redis level is partitioned (default single):
     *                       {@code single} one node holds everything;
     *                       {@code ring} each user's keys live on one node of the list, picked by the user's virtual
     *                       bucket (the shard directory's bucket, {@code store.buckets}, 4096 on unsharded tiers)
     *                       mod the number of nodes; every process subscribes to invalidations on every node, a write
     *                       publishes on its user's node; the rate limiter follows the same mapping. Changing the list
     *                       remaps most users: their entries on the old node are never read again and expire
     *                       with {@code ttl};
     *                       {@code cluster} a Redis Cluster through Lettuce's cluster client; a user's keys share one
     *                       slot (hash tag {@code {userId}}); invalidations are published cluster-wide
     * @param nearMaxBytes   bytes the near-cache holds (default 32MiB); a ring splits them evenly over its nodes
     * @param ttl            entry lifetime in both levels (default 10m)
     * @param commandTimeout longest wait for one Redis command before the read goes to the database (default 250ms)
     */
    record TwoLevel(String redisUrl, RedisMode redisMode, DataSize nearMaxBytes, Duration ttl, Duration commandTimeout)
            implements CacheConfig {
        public TwoLevel {
            ConfigException.require(redisUrl != null && !redisUrl.isBlank(), "cache.redisUrl", "is required");
            redisMode = redisMode == null ? RedisMode.SINGLE : redisMode;
            ConfigException.require(redisMode != RedisMode.SINGLE || urls(redisUrl).size() == 1, "cache.redisUrl",
                    "lists " + urls(redisUrl).size() + " URLs, but cache.redisMode single takes exactly one;"
                            + " use ring or cluster for several");
            nearMaxBytes = nearMaxBytes == null ? DataSize.ofMebibytes(32) : nearMaxBytes;
            ttl = ttl == null ? Duration.ofMinutes(10) : ttl;
            commandTimeout = commandTimeout == null ? Duration.ofMillis(250) : commandTimeout;
        }

        /** The configured URLs in order. */
        public List<String> redisUrls() {
            return urls(redisUrl);
        }

        private static List<String> urls(String commaSeparated) {
            return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
        }
    }

    /** How the Redis level of the two-level cache is partitioned; see {@link TwoLevel}. */
    enum RedisMode {
        SINGLE, RING, CLUSTER;

        @JsonCreator
        static RedisMode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("'" + text + "' is not a Redis mode; allowed: single, ring, cluster");
            }
        }
    }
}
