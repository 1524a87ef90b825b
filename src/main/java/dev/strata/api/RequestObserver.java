package dev.strata.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Gives every request an id (echoed as {@code X-Request-Id}), times it by route and status, and logs it. */
final class RequestObserver {
    private static final Logger access = LoggerFactory.getLogger("strata.access");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String HEADER = "X-Request-Id";

    private final MeterRegistry registry;

    RequestObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    void begin(Context ctx) {
        String offered = ctx.header(HEADER);
        String id = offered != null && CLIENT_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ctx.header(HEADER, id);
        MDC.put("requestId", id);
    }

    void end(Context ctx, float millis) {
        String route = route(ctx);
        int status = ctx.status().getCode();
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", String.valueOf(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
        access.info("{} {} {} {}ms", ctx.method(), ctx.path(), status, Math.round(millis));
        MDC.remove("requestId");
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
