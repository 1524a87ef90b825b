package dev.strata.adapter.cache.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.adapter.redis.RedisEndpoint;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The shared level of the record cache in Redis. Every invalidation bumps a generation counter, deletes the
 * value and publishes on {@link #CHANNEL} in one script; fills are compare-and-set on the generations read
 * before the database load. Thread-safe. Redis failures surface as Lettuce's runtime exceptions: the caller
 * decides what a failure means. Every key of one user carries the hash tag {@code {userId}}, so in a Redis Cluster
 * the scripts' keys share one slot.
 */
public final class RedisSharedCache implements AutoCloseable {
    static final String CHANNEL = "strata:invalidate";

    private static final String FILL = """
            local g = redis.call('GET', KEYS[2]) or ''
            local ug = redis.call('GET', KEYS[3]) or ''
            if g == ARGV[1] and ug == ARGV[2] then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0
            """;
    private static final String INVALIDATE = """
            redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[1])
            redis.call('DEL', KEYS[1])
            return redis.call('PUBLISH', ARGV[2], ARGV[3])
            """;
    private static final String INVALIDATE_USER = """
            redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return redis.call('PUBLISH', ARGV[2], ARGV[3])
            """;

    private final RedisClusterCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final long ttlMillis;
    private final ObjectMapper json = new ObjectMapper();

    /** Connects and subscribes; {@code listener} hears every invalidation from every process, this one included. */
    public RedisSharedCache(RedisEndpoint endpoint, Duration ttl, Invalidations listener) {
        this.ttlMillis = ttl.toMillis();
        this.redis = endpoint.commands();
        this.subscription = endpoint.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                dispatch(message, listener);
            }

            @Override
            public void subscribed(String channel, long count) {
                listener.subscribed();
            }
        });
        endpoint.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (handler == subscription) {
                    listener.lost();
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                // subscribed() follows once the re-subscription is confirmed
            }
        });
        subscription.sync().subscribe(CHANNEL);
    }

    public SharedLookup get(UserId user, RecordKey key) {
        List<KeyValue<String, String>> values = redis.mget(valueKey(user, key), generationKey(user, key), userGenerationKey(user));
        String stored = values.get(0).getValueOrElse(null);
        String generation = values.get(1).getValueOrElse("");
        String userGeneration = values.get(2).getValueOrElse("");
        Optional<StoredRecord> record = Optional.empty();
        if (stored != null) {
            int newline = stored.indexOf('\n');
            if (stored.substring(0, newline).equals(userGeneration)) {
                record = Optional.of(decode(user, key, stored.substring(newline + 1)));
            }
        }
        return new SharedLookup(record, new FillToken(generation, userGeneration));
    }

    /** The record's generations now: a copy taken under an equal token has not been invalidated since. */
    public FillToken currentToken(UserId user, RecordKey key) {
        List<KeyValue<String, String>> values = redis.mget(generationKey(user, key), userGenerationKey(user));
        return new FillToken(values.get(0).getValueOrElse(""), values.get(1).getValueOrElse(""));
    }

    /** Stores {@code record} unless it was invalidated since {@code token} was read; true when stored. */
    public boolean fill(StoredRecord record, FillToken token) {
        String payload = token.userGeneration() + "\n" + encode(record);
        Long stored = redis.eval(FILL, ScriptOutputType.INTEGER,
                new String[] {valueKey(record.user(), record.key()), generationKey(record.user(), record.key()),
                        userGenerationKey(record.user())},
                token.recordGeneration(), token.userGeneration(), payload, Long.toString(ttlMillis));
        return stored != null && stored == 1L;
    }

    public void invalidate(UserId user, RecordKey key) {
        redis.eval(INVALIDATE, ScriptOutputType.INTEGER, new String[] {valueKey(user, key), generationKey(user, key)},
                Long.toString(ttlMillis), CHANNEL, "r " + user.value() + "/" + key.value());
    }

    public void invalidateUser(UserId user) {
        redis.eval(INVALIDATE_USER, ScriptOutputType.INTEGER, new String[] {userGenerationKey(user)},
                Long.toString(ttlMillis), CHANNEL, "u " + user.value());
    }

    public boolean subscriptionOpen() {
        return subscription.isOpen();
    }

    /** Closes the subscription; the endpoint's command connection belongs to the endpoint. */
    @Override
    public void close() {
        subscription.close();
    }

    private static void dispatch(String message, Invalidations listener) {
        if (message.startsWith("r ")) {
            int slash = message.indexOf('/');
            listener.record(new UserId(message.substring(2, slash)), new RecordKey(message.substring(slash + 1)));
        } else if (message.startsWith("u ")) {
            listener.user(new UserId(message.substring(2)));
        }
    }

    // a user id never contains '/', '{' or '}', so "{user}/key" names one record unambiguously and all of a
    // user's keys hash to the slot of "user"
    private static String valueKey(UserId user, RecordKey key) {
        return "strata:r:{" + user.value() + "}/" + key.value();
    }

    private static String generationKey(UserId user, RecordKey key) {
        return "strata:g:{" + user.value() + "}/" + key.value();
    }

    private static String userGenerationKey(UserId user) {
        return "strata:ug:{" + user.value() + "}";
    }

    private record Stored(String value, long version, long createdAtMicros, long updatedAtMicros) {
    }

    private String encode(StoredRecord r) {
        try {
            return json.writeValueAsString(new Stored(r.value(), r.version(), r.createdAtMicros(), r.updatedAtMicros()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a record for Redis", e);
        }
    }

    private StoredRecord decode(UserId user, RecordKey key, String text) {
        try {
            Stored s = json.readValue(text, Stored.class);
            return new StoredRecord(user, key, s.value(), s.version(), s.createdAtMicros(), s.updatedAtMicros());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable record in Redis", e);
        }
    }
}
