package dev.strata.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
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
    /** Building a timer's id and finding it in the registry costs more than recording; routes and statuses are few. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    RequestObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    void begin(Context ctx) {
        String offered = ctx.header(HEADER);
        String id = offered != null && CLIENT_ID.matcher(offered).matches() ? offered : newId();
        ctx.header(HEADER, id);
        MDC.put("requestId", id);
    }

    void end(Context ctx, float millis) {
        int status = ctx.status().getCode();
        timers.computeIfAbsent(new TimerKey(ctx.method().name(), route(ctx), status), this::timer)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
        access.info("{} {} {} {}ms", ctx.method(), ctx.path(), status, Math.round(millis));
        MDC.remove("requestId");
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("http.server.requests")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", String.valueOf(key.status()))
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * A random (version 4) UUID. The id only correlates log lines, so it comes from the thread's own generator:
     * {@link UUID#randomUUID()} draws on the shared, locked SecureRandom, a measurable share of a request's CPU.
     */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private record TimerKey(String method, String route, int status) {
    }
}
