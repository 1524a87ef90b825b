package dev.strata.bench;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Realistic journeys against any Strata deployment. Each virtual user signs in with one of the tokens in
 * {@code STRATA_TOKENS} (comma-separated output of {@code strata token}), then:
 * <ul>
 *   <li>writer: writes 5 new records, each with its own Idempotency-Key;</li>
 *   <li>reader: reads 10 hot records, picked by a Zipf distribution (s = 1.1) over {@code hotKeys} keys, revalidating
 *   with the ETag it already holds (304) as a caching client does;</li>
 *   <li>blobs: uploads a blob of {@code blobBytes} and downloads it again.</li>
 * </ul>
 * Every token's user gets the hot records written once before the run. System properties: {@code baseUrl} (default
 * http://127.0.0.1:8080), {@code usersPerSecond} (arrivals of each journey, default 5), {@code durationSeconds}
 * (default 60), {@code hotKeys} (default 200), {@code blobBytes} (default 65536). The run fails when more than 1%
 * of requests fail.
 */
public class UserJourneysSimulation extends Simulation {
    private static final String BASE_URL = System.getProperty("baseUrl", "http://127.0.0.1:8080");
    private static final int USERS_PER_SECOND = Integer.getInteger("usersPerSecond", 5);
    private static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("durationSeconds", 60));
    private static final int HOT_KEYS = Integer.getInteger("hotKeys", 200);
    private static final int BLOB_BYTES = Integer.getInteger("blobBytes", 64 * 1024);
    private static final List<String> TOKENS = tokens();
    private static final ZipfKeys ZIPF = new ZipfKeys(HOT_KEYS, 1.1);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .header("Authorization", session -> "Bearer " + session.getString("token"));

    private final ScenarioBuilder seedHotRecords = scenario("seed hot records")
            .feed(signIn())
            .repeat(HOT_KEYS, "i").on(exec(http("seed hot record").put("/v1/users/me/records/hot-#{i}")
                    .header("Content-Type", "application/json")
                    .body(StringBody("{\"hot\":#{i}}"))
                    .check(status().in(200, 201))));

    private final ScenarioBuilder writer = scenario("writer")
            .feed(signIn())
            .repeat(5).on(exec(http("write record")
                    .put(session -> "/v1/users/me/records/rec-" + SEQUENCE.incrementAndGet())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                    .body(StringBody(session -> "{\"at\":" + System.currentTimeMillis() + "}"))
                    .check(status().in(200, 201))));

    private final ScenarioBuilder reader = scenario("reader")
            .feed(signIn())
            .repeat(10).on(exec(http("read hot record")
                    .get(session -> "/v1/users/me/records/hot-" + ZIPF.next())
                    .check(status().in(200, 304))));

    private final ScenarioBuilder blobs = scenario("blobs")
            .feed(signIn())
            .exec(session -> session.set("blob", "blob-" + SEQUENCE.incrementAndGet()))
            .exec(http("upload blob").put("/v1/users/me/blobs/#{blob}")
                    .header("Content-Type", "application/octet-stream")
                    .body(ByteArrayBody(session -> randomBytes()))
                    .check(status().is(201)))
            .exec(http("download blob").get("/v1/users/me/blobs/#{blob}").check(status().is(200)));

    {
        setUp(seedHotRecords.injectOpen(atOnceUsers(TOKENS.size())).andThen(
                writer.injectOpen(constantUsersPerSec(USERS_PER_SECOND).during(DURATION)),
                reader.injectOpen(constantUsersPerSec(USERS_PER_SECOND).during(DURATION)),
                blobs.injectOpen(constantUsersPerSec(USERS_PER_SECOND).during(DURATION))))
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lt(1.0));
    }

    /** Each virtual user signs in with the next token, round robin. */
    private static Iterator<Map<String, Object>> signIn() {
        return Stream.iterate(0L, i -> i + 1)
                .map(i -> Map.<String, Object>of("token", TOKENS.get((int) (i % TOKENS.size()))))
                .iterator();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[BLOB_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static List<String> tokens() {
        String tokens = System.getenv("STRATA_TOKENS");
        if (tokens == null || tokens.isBlank()) {
            throw new IllegalStateException("set STRATA_TOKENS to one or more comma-separated tokens from `strata token`");
        }
        return Arrays.stream(tokens.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
