package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestServer;
import dev.strata.testing.load.FaultyProxy;
import dev.strata.testing.load.Ledger;
import dev.strata.testing.load.LoadDriver;
import dev.strata.testing.load.Tally;
import dev.strata.testing.load.Traffic;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 11: five times the measured capacity, arriving open-loop (at a fixed rate, whatever the answers take).
 * Requests past the concurrency bound are refused fast; admitted ones keep a latency near the unloaded one.
 * Each database round trip is delayed a little, so capacity is bound by latency, as in production, and not by
 * the two cores this test shares with its own load generator.
 */
class OverloadIT {
    private static final int BOUND = 4;
    private static final int USERS = 16;
    private static final int MAX_RATE = 2_500;

    @Test
    void fiveTimesCapacity_shedsFastWith503_andAdmittedP99StaysBounded() {
        try (ProxiedTier tier = ProxiedTier.start("chaos_overload", BOUND)) {
            TestServer server = tier.server;
            tier.database.mode(new FaultyProxy.Delay(3));
            Traffic traffic = new Traffic(server.client(), Traffic.tokens(USERS, server::token), new Ledger());
            LoadDriver.closedLoop(BOUND, Duration.ofSeconds(2), 10_000, (c, s) -> traffic.write(c, s)); // warm-up
            Tally baseline = LoadDriver.closedLoop(BOUND, Duration.ofSeconds(4), 100_000,
                    (c, s) -> traffic.write(c, 1_000_000 + s));
            double capacity = baseline.count(Tally::success) / 4.0;
            int rate = (int) Math.min(MAX_RATE, 5 * capacity);

            Tally overload = LoadDriver.openLoop(rate, Duration.ofSeconds(5),
                    (c, s) -> traffic.write(s % USERS, 2_000_000 + s));

            double baselineP99 = baseline.latencyMillis(Tally::success, 0.99);
            String summary = "capacity " + capacity + "/s, offered " + rate + "/s; baseline " + baseline + "; overload " + overload;
            assertThat(overload.errors()).as(summary).isZero();
            assertThat(overload.count(503)).as("shed: " + summary).isGreaterThan(overload.total() / 10);
            assertThat(overload.latencyMillis(status -> status == 503, 0.99)).as("shed fast: " + summary)
                    .isLessThan(Math.max(3 * baselineP99, 50));
            assertThat(overload.latencyMillis(Tally::success, 0.99)).as("admitted p99 bounded: " + summary)
                    .isLessThan(Math.max(10 * baselineP99, 100));
            assertThat(traffic.ledger().verify(server.client(), traffic::tokenOf)).isEmpty();
        }
    }
}
