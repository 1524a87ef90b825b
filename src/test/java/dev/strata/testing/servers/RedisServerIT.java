package dev.strata.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisServerIT {

    @Test
    void sharedServer_storesAndReturnsAValue() {
        RedisClient client = RedisClient.create(RedisServer.shared().url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.set("greeting", "hello");
            assertThat(redis.get("greeting")).isEqualTo("hello");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void clientPause_holdsCommandsUntilThePauseEnds() {
        RedisClient client = RedisClient.create(RedisServer.shared().url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            connection.setTimeout(Duration.ofMillis(300));

            RedisServer.shared().clientPause(Duration.ofMillis(1500));
            assertThatThrownBy(() -> redis.set("paused", "v")).isInstanceOf(RedisCommandTimeoutException.class);

            connection.setTimeout(Duration.ofSeconds(5));
            assertThat(redis.ping()).isEqualTo("PONG");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void clientPauseWrites_holdsWritesUntilUnpaused() {
        RedisClient client = RedisClient.create(RedisServer.shared().url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            connection.setTimeout(Duration.ofMillis(300));

            RedisServer.shared().clientPauseWrites(Duration.ofSeconds(30));
            try {
                assertThat(redis.get("anything")).isNull();
                assertThatThrownBy(() -> redis.set("paused", "v")).isInstanceOf(RedisCommandTimeoutException.class);
            } finally {
                RedisServer.shared().clientUnpause();
            }

            connection.setTimeout(Duration.ofSeconds(5));
            assertThat(redis.set("after", "v")).isEqualTo("OK");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void killedServer_restartsEmptyOnTheSamePort() {
        try (RedisServer server = RedisServer.start()) {
            long firstPid = server.pid();
            RedisClient client = RedisClient.create(server.url());
            try {
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    connection.sync().set("k", "v");
                }
                server.kill();
                server.restart();

                assertThat(server.pid()).isNotEqualTo(firstPid);
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    assertThat(connection.sync().get("k")).isNull();
                }
            } finally {
                client.shutdown();
            }
        }
    }
}
