package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.testing.TestServer;
import dev.strata.testing.load.FaultyProxy;
import dev.strata.testing.load.Ledger;
import dev.strata.testing.load.LoadDriver;
import dev.strata.testing.load.Tally;
import dev.strata.testing.load.Traffic;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scenario 10: latency, resets and blackholes on the connections to PostgreSQL, Redis and S3, through a
 * fault-injecting TCP proxy. The service always answers within its deadlines (short ones here), with 503s or
 * fallbacks, and recovers once the network does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyFaultsIT {
    private static final int CLIENTS = 4;
    private static final Duration PHASE = Duration.ofSeconds(4);
    /** Statement 1s + 1s socket margin, times 3 attempts, plus backoff: the slowest a read may take. */
    private static final double DEADLINE_MILLIS = 7_000;

    static ProxiedTier tier;
    static FaultyProxy database;
    static FaultyProxy cache;
    static FaultyProxy blobs;
    static TestServer server;
    static Traffic traffic;
    /** Numbers the load phases, so each writes keys of its own. */
    static int phase;

    @BeforeAll
    static void start() {
        tier = ProxiedTier.start("chaos_faults", 256);
        database = tier.database;
        cache = tier.cache;
        blobs = tier.blobs;
        server = tier.server;
        traffic = new Traffic(server.client(), Traffic.tokens(CLIENTS, server::token), new Ledger());
    }

    @AfterAll
    static void stop() {
        tier.close();
    }

    @Test
    @Order(1)
    void slowDatabase_answersEverythingSuccessfully() {
        database.mode(new FaultyProxy.Delay(50));
        Tally tally = recordLoad();
        database.mode(new FaultyProxy.Pass());
        assertThat(tally.count(status -> !Tally.success(status))).as("%s", tally).isZero();
    }

    @Test
    @Order(2)
    void blackholedDatabase_gets503sWithinTheDeadline_thenRecovers() {
        database.mode(new FaultyProxy.Blackhole());
        Tally tally = recordLoad();
        assertThat(metric("strata_dependency_breaker_state{dependency=\"database\"}")).as("breaker open").isEqualTo(1);
        database.mode(new FaultyProxy.Pass());
        assertAnsweredWithin(tally);
        assertThat(tally.count(503)).as("%s", tally).isPositive();
        double calls = metric("strata_dependency_calls_total{dependency=\"database\"}");
        double retries = metric("strata_dependency_retries_total{dependency=\"database\",outcome=\"retried\"}");
        assertThat(retries).as("retries within the budget: 10%% of %s calls plus a burst of 10", calls)
                .isPositive().isLessThanOrEqualTo(0.1 * calls + 10);
        awaitRecordWrites();
    }

    @Test
    @Order(3)
    void resettingDatabase_gets503s_thenRecovers() {
        database.mode(new FaultyProxy.Reset());
        Tally tally = recordLoad();
        database.mode(new FaultyProxy.Pass());
        assertAnsweredWithin(tally);
        assertThat(tally.count(503)).as("%s", tally).isPositive();
        awaitRecordWrites();
    }

    @Test
    @Order(4)
    void blackholedOrResettingRedis_isAFallbackToTheDatabase_neverAnError() {
        cache.mode(new FaultyProxy.Blackhole());
        Tally blackholed = recordLoad();
        cache.mode(new FaultyProxy.Reset());
        Tally reset = recordLoad();
        cache.mode(new FaultyProxy.Pass());
        assertThat(blackholed.count(status -> !Tally.success(status))).as("%s", blackholed).isZero();
        assertThat(reset.count(status -> !Tally.success(status))).as("%s", reset).isZero();
    }

    @Test
    @Order(5)
    void blackholedS3_gets503sForBlobsWithinTheDeadline_whileRecordsWork() {
        blobs.mode(new FaultyProxy.Blackhole());
        CompletableFuture<Tally> records = CompletableFuture.supplyAsync(DependencyFaultsIT::recordLoad);
        Tally blobTally = LoadDriver.closedLoop(CLIENTS, PHASE, 1_000, (c, s) -> traffic.writeBlob(c, 1_000_000 + s, 4096));
        blobs.mode(new FaultyProxy.Pass());
        assertAnsweredWithin(blobTally);
        assertThat(blobTally.count(503)).as("%s", blobTally).isPositive();
        Tally recordTally = records.join();
        assertThat(recordTally.count(status -> !Tally.success(status))).as("%s", recordTally).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            int base = ++phase * 100_000;
            return IntStream.range(0, 10).allMatch(i -> traffic.writeBlob(99, base + i, 4096) == 201);
        });
    }

    @Test
    @Order(6)
    void afterAllFaults_everyAcknowledgedWriteReadsBack() {
        assertThat(traffic.ledger().verify(server.client(), traffic::tokenOf)).isEmpty();
    }

    /** Writes new records and reads them back, on keys of this phase. */
    private static Tally recordLoad() {
        int base = ++phase * 100_000;
        return LoadDriver.closedLoop(CLIENTS, PHASE, 1_000, (client, sequence) -> sequence % 2 == 0
                ? traffic.write(client, base + sequence)
                : traffic.read(client, Traffic.key(client, base + sequence - 1)));
    }

    /** One sample of the server's Prometheus scrape, by its exact series name and labels. */
    private static double metric(String series) {
        return server.client().get("/metrics", null).text().lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + series));
    }

    private static void assertAnsweredWithin(Tally tally) {
        assertThat(tally.errors()).as("every call got an answer, none a 500: %s", tally).isZero();
        assertThat(tally.latencyMillis(status -> true, 1.0)).as("slowest answer: %s", tally).isLessThan(DEADLINE_MILLIS);
    }

    /** Recovered means a run of writes in a row succeeds, not one lucky trial call of a half-open breaker. */
    private static void awaitRecordWrites() {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            int base = ++phase * 100_000;
            return IntStream.range(0, 10).allMatch(i -> traffic.write(98, base + i) == 201);
        });
    }
}
