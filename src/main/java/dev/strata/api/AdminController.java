package dev.strata.api;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /v1/admin}: what this process is built from. */
final class AdminController {
    private final Supplier<Map<String, Object>> topology;

    AdminController(Supplier<Map<String, Object>> topology) {
        this.topology = topology;
    }

    void topology(Context ctx) {
        Access.requireAdmin(ctx);
        ctx.json(topology.get());
    }
}
