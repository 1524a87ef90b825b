package dev.strata.bootstrap;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Optional;

/**
 * The one Redis client of a process, shared by the cache and the rate limiter; none on tiers without Redis.
 * Commands fail fast: a short timeout, and rejected at once while disconnected instead of queued.
 */
final class SharedRedis implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(500);

    private final ClientResources resources;
    private final RedisClient client;

    private SharedRedis(ClientResources resources, RedisClient client) {
        this.resources = resources;
        this.client = client;
    }

    static SharedRedis none() {
        return new SharedRedis(null, null);
    }

    static SharedRedis connect(String url, Duration commandTimeout) {
        ClientResources resources = ClientResources.builder().reconnectDelay(Delay.constant(RECONNECT_DELAY)).build();
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(commandTimeout);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        return new SharedRedis(resources, client);
    }

    /** The client; empty on tiers without Redis. */
    Optional<RedisClient> client() {
        return Optional.ofNullable(client);
    }

    @Override
    public void close() {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown();
        }
    }
}
