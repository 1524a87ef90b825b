package dev.strata.bench.floor;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;

/**
 * The framework floor: Javalin answering {@code GET /floor} with a fixed record-sized JSON body.
 * The body is encoded once so the measurement is routing, HTTP and I/O only: what any Javalin
 * endpoint costs before Strata does any work of its own.
 */
public final class FloorApp {

    private static final byte[] RECORD_BODY = ("{\"key\":\"profile\",\"version\":3,"
            + "\"value\":{\"displayName\":\"Ada Lovelace\",\"theme\":\"dark\",\"locale\":\"en-GB\",\"notifications\":true},"
            + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"updatedAt\":\"2025-01-02T03:04:05Z\"}")
            .getBytes(StandardCharsets.UTF_8);

    private FloorApp() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("FLOOR_PORT", "8090"));
        Javalin.create(config -> config.showJavalinBanner = false)
                .get("/floor", ctx -> ctx.contentType("application/json").header("ETag", "\"3\"").result(RECORD_BODY))
                .start("127.0.0.1", port);
    }
}
