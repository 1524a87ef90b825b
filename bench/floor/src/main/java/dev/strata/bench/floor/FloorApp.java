package dev.strata.bench.floor;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The framework floor: Javalin answering {@code GET /floor} with a fixed record-sized JSON body.
 * The body is encoded once so the measurement is routing, HTTP and I/O only: what any Javalin
 * endpoint costs before Strata does any work of its own.
 *
 * <p>With {@code FLOOR_DATA_DIR} set it also serves the storage baselines: the same framework
 * plus the raw storage call and nothing else ({@link DirectFiles}, {@link RawH2Records}).
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
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false)
                .get("/floor", ctx -> ctx.contentType("application/json").header("ETag", "\"3\"").result(RECORD_BODY));
        String dataDir = System.getenv("FLOOR_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            DirectFiles files = new DirectFiles(Path.of(dataDir, "blobs"));
            RawH2Records records = new RawH2Records(Path.of(dataDir, "floor"));
            app.put("/floor/blobs/{name}", ctx -> files.write(ctx.pathParam("name"), ctx.bodyInputStream()));
            app.get("/floor/blobs/{name}", ctx -> ctx.contentType("application/octet-stream")
                    .result(files.open(ctx.pathParam("name"))));
            app.put("/floor/records/{key}", ctx -> records.upsert(ctx.pathParam("key"), ctx.body()));
            app.get("/floor/records/{key}", ctx -> records.find(ctx.pathParam("key")).ifPresentOrElse(
                    value -> ctx.contentType("application/json").result(value), () -> ctx.status(404)));
        }
        app.start("127.0.0.1", port);
    }
}
