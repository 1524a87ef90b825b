package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestServer;
import dev.strata.testing.load.Ledger;
import dev.strata.testing.load.LoadDriver;
import dev.strata.testing.load.Tally;
import dev.strata.testing.load.Timeline;
import dev.strata.testing.load.Traffic;
import dev.strata.testing.servers.PostgresServers;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import dev.strata.thousands.ThousandsBackends;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Scenario 5: Redis stopped, then stalled by CLIENT PAUSE, under mixed load: reads come from the database, no 5xx. */
class RedisOutageIT {
    private static final int CLIENTS = 8;
    private static final int HOT_KEYS = 5;

    @Test
    void redisStoppedThenStalled_readsAndWritesKeepWorking_withoutA5xx() {
        try (RedisServer redis = RedisServer.start();
             TestServer server = TestServer.thousands(ThousandsBackends.env(PostgresServers.shared(1).get(0),
                     S3ProxyServer.shared(), redis, "chaos_redis"))) {
            Traffic traffic = new Traffic(server.client(), Traffic.tokens(CLIENTS, server::token), new Ledger());
            for (int client = 0; client < CLIENTS; client++) {
                for (int hot = 0; hot < HOT_KEYS; hot++) {
                    assertThat(traffic.write(client, hot)).isEqualTo(201);
                }
            }

            CompletableFuture<Void> faults = Timeline.of()
                    .at(Duration.ofSeconds(2), redis::stop)
                    .at(Duration.ofSeconds(6), redis::restart)
                    .at(Duration.ofSeconds(9), () -> redis.clientPause(Duration.ofSeconds(3)))
                    .start();
            Tally tally = LoadDriver.closedLoop(CLIENTS, Duration.ofSeconds(14), 5_000, (client, sequence) ->
                    sequence % 3 == 0
                            ? traffic.write(client, HOT_KEYS + sequence)
                            : traffic.read(client, Traffic.key(client, sequence % HOT_KEYS)));
            Timeline.await(faults, Duration.ofSeconds(30));

            assertThat(tally.count(status -> status >= 500 || status == Tally.NO_ANSWER)).as("%s", tally).isZero();
            assertThat(tally.count(200)).as("reads were served: %s", tally).isGreaterThan(100);
            assertThat(traffic.ledger().verify(server.client(), traffic::tokenOf)).isEmpty();
        }
    }
}
