package dev.strata.api;

import dev.strata.auth.Caller;
import dev.strata.domain.RequestStatus;
import dev.strata.service.RequestService;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/requests/stream}: a WebSocket that pushes each status change of the caller's queued writes (one
 * {@link RequestResponse} per text message) from the moment it connects. Changes are read from the status records on
 * the caller's shard at a short interval, so it works on any api replica. Browsers cannot set headers on a WebSocket,
 * so the token may also come as the {@code access_token} query parameter.
 */
final class RequestStream implements AutoCloseable {
    static final String PATH = "/v1/requests/stream";
    private static final Logger log = LoggerFactory.getLogger(RequestStream.class);
    private static final String CALLER = "strata.ws.caller";

    private final RequestService requests;
    private final Access access;
    private final Duration pollInterval;
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "strata-request-stream");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> sessions = new ConcurrentHashMap<>();

    RequestStream(RequestService requests, Access access, Duration pollInterval) {
        this.requests = requests;
        this.access = access;
        this.pollInterval = pollInterval;
    }

    void register(Javalin app) {
        app.wsBeforeUpgrade(PATH, ctx -> ctx.attribute(CALLER, access.authenticateUpgrade(ctx)));
        app.ws(PATH, ws -> {
            ws.onConnect(ctx -> follow(ctx, ctx.attribute(CALLER)));
            ws.onClose(ctx -> stop(ctx.sessionId()));
            ws.onError(ctx -> stop(ctx.sessionId()));
        });
    }

    private void follow(WsContext ctx, Caller caller) {
        long[] cursor = {System.currentTimeMillis() * 1000};
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        sessions.put(ctx.sessionId(), pollers.scheduleWithFixedDelay(() -> {
            try {
                for (RequestStatus change : requests.changesAfter(caller.user(), cursor[0])) {
                    ctx.send(RequestResponse.from(change, requests, Paths.request(change.requestId())));
                    cursor[0] = change.updatedAtMicros();
                }
            } catch (RuntimeException e) {
                log.debug("request stream of {} skipped a poll: {}", caller.user(), e.getMessage());
            }
        }, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void stop(String sessionId) {
        ScheduledFuture<?> poll = sessions.remove(sessionId);
        if (poll != null) {
            poll.cancel(false);
        }
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }
}
