package dev.strata.adapter.ratelimit.redis;

import dev.strata.domain.UserId;
import dev.strata.port.RateLimiter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import dev.strata.adapter.redis.RedisEndpoint;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A token bucket per user in Redis, so the limit holds over all replicas. Time comes from the Redis server's
 * clock, so replicas' clocks need not agree. When Redis fails or its breaker is open, the limit is enforced
 * per process by {@code fallback} instead (fail open to the local limit, never to an error).
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final String TAKE = """
            local capacity = tonumber(ARGV[1])
            local perMilli = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(bucket[1]) or capacity
            local at = tonumber(bucket[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * perMilli)
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
            else
              wait = math.ceil((1 - tokens) / perMilli)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / perMilli) + 1000)
            return wait
            """;
    private static final String TAKE_DIGEST = sha1Hex(TAKE);

    private final RedisEndpoint redis;
    private final double permitsPerSecond;
    private final int burst;
    private final RateLimiter fallback;
    private final CircuitBreaker breaker;
    private final Counter fallbacks;

    public RedisRateLimiter(RedisEndpoint redis, double permitsPerSecond, int burst, RateLimiter fallback,
                            CircuitBreaker breaker, MeterRegistry registry) {
        this.redis = redis;
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.fallback = fallback;
        this.breaker = breaker;
        this.fallbacks = Counter.builder("strata.ratelimit.redis.fallbacks")
                .description("permits decided by the local limiter because Redis failed").register(registry);
    }

    @Override
    public Optional<Duration> tryAcquire(UserId user) {
        try {
            Long waitMillis = breaker.executeSupplier(() -> take(new String[] {"strata:rl:" + user.value()},
                    Integer.toString(burst), Double.toString(permitsPerSecond / 1000.0)));
            return waitMillis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
        } catch (RuntimeException e) {
            fallbacks.increment();
            return fallback.tryAcquire(user);
        }
    }

    /** By digest, so a request does not carry the script; EVAL sends it when Redis lacks it (new, restarted, flushed). */
    private Long take(String[] keys, String... args) {
        try {
            return redis.commands().evalsha(TAKE_DIGEST, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.commands().eval(TAKE, ScriptOutputType.INTEGER, keys, args);
        }
    }

    private static String sha1Hex(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
