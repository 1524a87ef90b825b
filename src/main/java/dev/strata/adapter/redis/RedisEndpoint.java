package dev.strata.adapter.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One Redis the process talks to: a single node (Lettuce's standalone client) or a whole Redis Cluster (its
 * cluster client, which sends each command to the master of its key's slot, so a script's keys must share a slot
 * through a hash tag, and whose subscriptions hear every PUBLISH in the cluster). Thread-safe. Connecting fails
 * with Lettuce's runtime exceptions while the server is unreachable; a later call tries again.
 */
public final class RedisEndpoint implements AutoCloseable {
    private final AbstractRedisClient client;
    private final String url;
    private final Supplier<Connected> connector;
    private final Supplier<StatefulRedisPubSubConnection<String, String>> pubSubConnector;
    private volatile Connected connected;

    private RedisEndpoint(AbstractRedisClient client, String url, Supplier<Connected> connector,
                          Supplier<StatefulRedisPubSubConnection<String, String>> pubSubConnector) {
        this.client = client;
        this.url = url;
        this.connector = connector;
        this.pubSubConnector = pubSubConnector;
    }

    public static RedisEndpoint node(RedisClient client, String url) {
        return new RedisEndpoint(client, url, () -> {
            var connection = client.connect();
            return new Connected(connection, connection.sync());
        }, client::connectPubSub);
    }

    /** @param url the seed URLs, as configured */
    public static RedisEndpoint cluster(RedisClusterClient client, String url) {
        return new RedisEndpoint(client, url, () -> {
            var connection = client.connect();
            return new Connected(connection, connection.sync());
        }, client::connectPubSub);
    }

    /** The synchronous commands of the endpoint's one shared connection, connected on first use. */
    public RedisClusterCommands<String, String> commands() {
        Connected c = connected;
        if (c != null) {
            return c.commands();
        }
        synchronized (this) {
            if (connected == null) {
                connected = connector.get();
            }
            return connected.commands();
        }
    }

    /** A new subscription connection of the caller's own; the caller closes it. */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return pubSubConnector.get();
    }

    /** Hears every connection of this endpoint go down and come back. */
    public void addListener(RedisConnectionStateListener listener) {
        client.addListener(listener);
    }

    /** The URL (or seed URLs) the endpoint was made from, for topology views and logs. */
    public String url() {
        return url;
    }

    /** Closes the shared connection and shuts the client down. */
    @Override
    public synchronized void close() {
        if (connected != null) {
            connected.connection().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private record Connected(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> commands) {
    }
}
