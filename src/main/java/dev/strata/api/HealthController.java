package dev.strata.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness (the process answers) and readiness (it should get traffic: ready, and every dependency answers). */
final class HealthController {
    private final Readiness readiness;
    private final Map<String, BooleanSupplier> dependencies;

    HealthController(Readiness readiness, Map<String, BooleanSupplier> dependencies) {
        this.readiness = readiness;
        this.dependencies = dependencies;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean allUp = true;
        for (Map.Entry<String, BooleanSupplier> dependency : dependencies.entrySet()) {
            boolean up = dependency.getValue().getAsBoolean();
            checks.put(dependency.getKey(), up ? "up" : "down");
            allUp &= up;
        }
        Readiness.State state = readiness.state();
        boolean ready = allUp && state == Readiness.State.READY;
        if (!ready) {
            ctx.status(503).header("Retry-After", "1");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : state == Readiness.State.READY ? "degraded" : state.name().toLowerCase(java.util.Locale.ROOT));
        body.put("checks", checks);
        ctx.json(body);
    }
}
