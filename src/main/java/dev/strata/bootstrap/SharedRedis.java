package dev.strata.bootstrap;

import dev.strata.adapter.redis.RedisEndpoint;
import dev.strata.config.CacheConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;

/**
 * The Redis endpoints of a process, shared by the cache and the rate limiter: one per node for {@code single} and
 * {@code ring}, one for a whole {@code cluster}, none on tiers without Redis. Commands fail fast: a short timeout,
 * and rejected at once while disconnected instead of queued.
 */
final class SharedRedis implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(500);
    private static final Duration CLUSTER_TOPOLOGY_REFRESH = Duration.ofSeconds(30);

    private final ClientResources resources;
    private final List<RedisEndpoint> endpoints;

    private SharedRedis(ClientResources resources, List<RedisEndpoint> endpoints) {
        this.resources = resources;
        this.endpoints = endpoints;
    }

    static SharedRedis none() {
        return new SharedRedis(null, List.of());
    }

    static SharedRedis connect(CacheConfig.TwoLevel cache) {
        ClientResources resources = ClientResources.builder().reconnectDelay(Delay.constant(RECONNECT_DELAY)).build();
        Duration timeout = cache.commandTimeout();
        List<RedisEndpoint> endpoints = switch (cache.redisMode()) {
            case SINGLE, RING -> cache.redisUrls().stream().map(url -> node(resources, url, timeout)).toList();
            case CLUSTER -> List.of(cluster(resources, cache.redisUrls(), timeout));
        };
        return new SharedRedis(resources, endpoints);
    }

    /** The endpoints: the nodes in configured order, or the one cluster; empty on tiers without Redis. */
    List<RedisEndpoint> endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        endpoints.forEach(RedisEndpoint::close);
        if (resources != null) {
            resources.shutdown();
        }
    }

    private static RedisEndpoint node(ClientResources resources, String url, Duration timeout) {
        RedisClient client = RedisClient.create(resources, uri(url, timeout));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        return RedisEndpoint.node(client, url);
    }

    private static RedisEndpoint cluster(ClientResources resources, List<String> seeds, Duration timeout) {
        RedisClusterClient client = RedisClusterClient.create(resources, seeds.stream().map(url -> uri(url, timeout)).toList());
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                // follow failovers and slot moves: on MOVED/ASK and lost connections at once, and periodically
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(CLUSTER_TOPOLOGY_REFRESH)
                        .build())
                .build());
        return RedisEndpoint.cluster(client, String.join(",", seeds));
    }

    private static RedisURI uri(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        return uri;
    }
}
