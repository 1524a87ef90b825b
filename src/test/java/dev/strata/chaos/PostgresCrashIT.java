package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import dev.strata.testing.load.Ledger;
import dev.strata.testing.load.LoadDriver;
import dev.strata.testing.load.Tally;
import dev.strata.testing.load.Timeline;
import dev.strata.testing.load.Traffic;
import dev.strata.testing.servers.PostgresServer;
import dev.strata.testing.servers.RedisServer;
import dev.strata.testing.servers.S3ProxyServer;
import dev.strata.thousands.ThousandsBackends;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Scenario 4: PostgreSQL crashes (immediate stop, no checkpoint) under write load and restarts with recovery. */
class PostgresCrashIT {

    @Test
    void crashAndRestart_underWriteLoad_keepsEveryAcknowledgedWrite_andRecovers() {
        try (PostgresServer postgres = PostgresServer.start();
             RedisServer redis = RedisServer.start();
             TestServer server = TestServer.thousands(ThousandsBackends.env(postgres, S3ProxyServer.shared(), redis, "chaos_pg_crash"))) {
            Traffic traffic = new Traffic(server.client(), Traffic.tokens(4, server::token), new Ledger());

            AtomicReference<ApiClient.Response> readinessWhileDown = new AtomicReference<>();
            CompletableFuture<Void> faults = Timeline.of()
                    .at(Duration.ofSeconds(3), postgres::crashStop)
                    .at(Duration.ofSeconds(5), () -> readinessWhileDown.set(server.client().unchecked().get("/health/ready", null)))
                    .at(Duration.ofSeconds(6), postgres::restart)
                    .start();
            Tally tally = LoadDriver.closedLoop(8, Duration.ofSeconds(12), 2_000, traffic::write);
            Timeline.await(faults, Duration.ofSeconds(30));

            assertThat(readinessWhileDown.get().status()).as("out of rotation without its database").isEqualTo(503);
            assertThat(readinessWhileDown.get().json().path("status").asText()).isEqualTo("unavailable");
            assertThat(tally.errors()).as("no 500s and no hung calls: %s", tally).isZero();
            assertThat(tally.count(503)).as("the crash was felt: %s", tally).isPositive();
            assertThat(tally.count(Tally::success)).as("writes succeeded before and after: %s", tally).isGreaterThan(50);
            await().atMost(Duration.ofSeconds(10)).until(() -> traffic.write(99, 0) == 201);
            assertThat(traffic.ledger().verify(server.client(), traffic::tokenOf)).isEmpty();
        }
    }
}
