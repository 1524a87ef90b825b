package dev.strata.adapter.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.adapter.redis.RedisEndpoint;
import dev.strata.domain.UserId;
import dev.strata.testing.servers.RedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The limiter runs its script by digest (EVALSHA), sending the script itself (EVAL) only when Redis does not have it:
 * on first use and after Redis forgot its scripts. Either way every permit is decided by Redis, not the fallback.
 */
class RedisRateLimiterIT {
    private static final UserId USER = new UserId("rate-limited-user");

    @Test
    void sendsTheScriptOnlyWhenRedisLacksIt_andDecidesEveryPermitInRedis() {
        RedisServer redis = RedisServer.start();
        RedisClient client = RedisClient.create(redis.url());
        try (redis; RedisEndpoint endpoint = RedisEndpoint.node(client, redis.url());
             StatefulRedisConnection<String, String> stats = client.connect()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            RedisRateLimiter limiter = new RedisRateLimiter(endpoint, 1, 2, user -> Optional.of(Duration.ofHours(1)),
                    CircuitBreaker.ofDefaults("rate-limit-test"), registry);

            assertThat(limiter.tryAcquire(USER)).as("first of a burst of 2").isEmpty();
            assertThat(limiter.tryAcquire(USER)).as("second of a burst of 2").isEmpty();
            assertThat(successfulCalls(stats, "eval")).as("script sent once").isEqualTo(1);
            redis.scriptFlush();
            assertThat(limiter.tryAcquire(USER)).as("past the burst, after Redis forgot the script").isPresent();
            assertThat(limiter.tryAcquire(USER)).as("past the burst").isPresent();

            assertThat(successfulCalls(stats, "eval")).as("script sent again after the flush only").isEqualTo(2);
            assertThat(successfulCalls(stats, "evalsha")).as("permits taken by digest").isEqualTo(2);
            assertThat(registry.counter("strata.ratelimit.redis.fallbacks").count()).isZero();
        } finally {
            client.shutdown();
        }
    }

    /** Calls of {@code command} that succeeded, from {@code INFO commandstats} (calls minus failed calls). */
    private static long successfulCalls(StatefulRedisConnection<String, String> connection, String command) {
        return connection.sync().info("commandstats").lines()
                .filter(line -> line.startsWith("cmdstat_" + command + ":"))
                .mapToLong(line -> field(line, "calls") - field(line, "failed_calls"))
                .findFirst().orElse(0);
    }

    private static long field(String statsLine, String name) {
        for (String part : statsLine.substring(statsLine.indexOf(':') + 1).split(",")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        return 0;
    }
}
