package dev.strata.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Liveness (the process answers) and readiness (it should get traffic: started, not draining, and every required
 * dependency answers). A degradable dependency that is down leaves the process ready, reported as {@code degraded}.
 */
final class HealthController {
    private final Readiness readiness;
    private final List<Dependency> dependencies;

    HealthController(Readiness readiness, List<Dependency> dependencies) {
        this.readiness = readiness;
        this.dependencies = dependencies;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean requiredUp = true;
        boolean allUp = true;
        for (Dependency dependency : dependencies) {
            boolean up = dependency.check().getAsBoolean();
            checks.put(dependency.name(), up ? "up" : "down");
            allUp &= up;
            requiredUp &= up || !dependency.required();
        }
        Readiness.State state = readiness.state();
        String status;
        if (state != Readiness.State.READY) {
            status = state.name().toLowerCase(Locale.ROOT);
        } else if (!requiredUp) {
            status = "unavailable";
        } else {
            status = allUp ? "ready" : "degraded";
        }
        if (!status.equals("ready") && !status.equals("degraded")) {
            ctx.status(503).header("Retry-After", "1");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("checks", checks);
        ctx.json(body);
    }
}
