package dev.strata.api;

import dev.strata.domain.InvalidInputException;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteOutcome;
import dev.strata.service.RequestService;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ACKs of a write at the HTTP edge: an applied write is answered by its controller; a queued one waits up to
 * {@code Prefer: wait=N} (RFC 7240) for the 2nd ACK and is then answered like the synchronous path, or gets 202 with
 * {@code Location: /v1/requests/{id}}.
 */
final class Acknowledgements {
    private static final Pattern WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d{1,6})\"?");

    private final RequestService requests;

    Acknowledgements(RequestService requests) {
        this.requests = requests;
    }

    /** The write's result when it has been applied; otherwise answers 202 and returns empty. */
    <R> Optional<R> settle(Context ctx, UserId owner, WriteOutcome<R> outcome, Class<R> resultType) {
        WriteOutcome<R> settled = requests.settle(owner, outcome, preferredWait(ctx), resultType);
        if (settled instanceof WriteOutcome.Applied<R> applied) {
            return Optional.of(applied.result());
        }
        String requestId = ((WriteOutcome.Queued<R>) settled).requestId();
        ctx.status(202).header("Location", Paths.request(requestId));
        ctx.json(Map.of("requestId", requestId, "status", "queued"));
        return Optional.empty();
    }

    /** {@code Prefer: wait=N}: how long the client is willing to wait for the 2nd ACK. */
    static Duration preferredWait(Context ctx) {
        String prefer = ctx.header("Prefer");
        if (prefer == null) {
            return Duration.ZERO;
        }
        Matcher m = WAIT.matcher(prefer);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : Duration.ZERO;
    }

    /** {@code ?wait=N} on a status request. */
    static Duration queryWait(Context ctx) {
        Integer seconds = QueryParams.integer(ctx, "wait", 0, (int) RequestService.MAX_WAIT.toSeconds());
        if (seconds == null && ctx.queryParam("wait") != null) {
            throw new InvalidInputException("wait must be a whole number of seconds");
        }
        return Duration.ofSeconds(seconds == null ? 0 : seconds);
    }
}
