package dev.strata.api;

import dev.strata.domain.BacklogFullException;
import dev.strata.domain.FailureReason;
import dev.strata.domain.ForbiddenException;
import dev.strata.domain.IdempotencyKeyInFlightException;
import dev.strata.domain.IdempotencyKeyReusedException;
import dev.strata.domain.InvalidInputException;
import dev.strata.domain.NotFoundException;
import dev.strata.domain.PayloadTooLargeException;
import dev.strata.domain.PreconditionFailedException;
import dev.strata.domain.QueuedWriteFailedException;
import dev.strata.domain.QuotaExceededException;
import dev.strata.domain.RateLimitedException;
import dev.strata.domain.StrataException;
import dev.strata.domain.UnauthenticatedException;
import dev.strata.port.StorageFullException;
import dev.strata.port.StorageUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become HTTP: a problem document, never a stack trace or a class name. */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    private static final String PROBLEM_JSON = "application/problem+json";

    private record Kind(int status, String type, String title) {
    }

    private static final Map<Class<? extends StrataException>, Kind> DOMAIN = Map.ofEntries(
            Map.entry(InvalidInputException.class, new Kind(400, "invalid-input", "Invalid input")),
            Map.entry(UnauthenticatedException.class, new Kind(401, "unauthenticated", "Authentication required")),
            Map.entry(ForbiddenException.class, new Kind(403, "forbidden", "Forbidden")),
            Map.entry(NotFoundException.class, new Kind(404, "not-found", "Not found")),
            Map.entry(IdempotencyKeyInFlightException.class, new Kind(409, "idempotency-key-in-flight", "Request already in progress")),
            Map.entry(PreconditionFailedException.class, new Kind(412, "precondition-failed", "Precondition failed")),
            Map.entry(PayloadTooLargeException.class, new Kind(413, "payload-too-large", "Payload too large")),
            Map.entry(IdempotencyKeyReusedException.class, new Kind(422, "idempotency-key-reused", "Idempotency-Key reused")),
            Map.entry(RateLimitedException.class, new Kind(429, "rate-limited", "Too many requests")),
            Map.entry(BacklogFullException.class, new Kind(503, "queue-backlog-full", "Service unavailable")),
            Map.entry(QuotaExceededException.class, new Kind(507, "quota-exceeded", "Quota exceeded")));

    /** A queued write refused when applied answers as the synchronous path would have. */
    private static final Map<FailureReason, Kind> FAILURES = Map.of(
            FailureReason.INVALID_INPUT, DOMAIN.get(InvalidInputException.class),
            FailureReason.NOT_FOUND, DOMAIN.get(NotFoundException.class),
            FailureReason.PRECONDITION_FAILED, DOMAIN.get(PreconditionFailedException.class),
            FailureReason.QUOTA_EXCEEDED, DOMAIN.get(QuotaExceededException.class),
            FailureReason.UNDELIVERABLE, new Kind(500, "write-undeliverable", "Write could not be applied"),
            FailureReason.EXPIRED, new Kind(500, "write-expired", "Write expired before it was applied"));

    private ErrorMapping() {
    }

    /** Retry-After in whole seconds, rounded up, at least 1. */
    private static String wholeSeconds(Duration wait) {
        return String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    static void register(Javalin app) {
        app.exception(StrataException.class, (e, ctx) -> {
            Kind kind = e instanceof QueuedWriteFailedException failed ? FAILURES.get(failed.reason())
                    : DOMAIN.getOrDefault(e.getClass(), new Kind(400, "invalid-input", "Invalid input"));
            if (e instanceof BacklogFullException) {
                ctx.header("Retry-After", "1");
            }
            if (e instanceof RateLimitedException limited) {
                ctx.header("Retry-After", wholeSeconds(limited.retryAfter()));
            }
            if (e instanceof UnauthenticatedException) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            respond(ctx, kind, e.getMessage());
        });
        app.exception(StorageUnavailableException.class, (e, ctx) -> {
            log.warn("dependency unavailable: {}", e.getMessage());
            ctx.header("Retry-After", wholeSeconds(e.retryAfter()));
            respond(ctx, new Kind(503, "dependency-unavailable", "Service unavailable"),
                    "a storage dependency is not answering; retry shortly");
        });
        app.exception(StorageFullException.class, (e, ctx) -> {
            log.error("storage full: {}", e.getMessage());
            respond(ctx, new Kind(507, "storage-full", "Insufficient storage"), "the server has no room left for this write");
        });
        app.exception(OverloadedException.class, (e, ctx) -> {
            ctx.header("Retry-After", "1");
            respond(ctx, new Kind(503, "overloaded", "Service unavailable"), e.getMessage());
        });
        app.exception(ByteRange.Unsatisfiable.class, (e, ctx) -> {
            ctx.header("Content-Range", "bytes */" + e.size());
            respond(ctx, new Kind(416, "range-not-satisfiable", "Range not satisfiable"), e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, new Kind(e.getStatus(), "http-" + e.getStatus(), titleOf(e.getStatus())), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, new Kind(500, "internal-error", "Internal server error"),
                    "the server failed to handle this request; it has been logged with the request id");
        });
        app.error(404, ctx -> replaceEmpty(ctx, new Kind(404, "not-found", "Not found"), "no such route"));
        app.error(405, ctx -> replaceEmpty(ctx, new Kind(405, "method-not-allowed", "Method not allowed"),
                "this route does not support " + ctx.method()));
    }

    /** The problem document of a queued write that was refused, as its status shows it. */
    static Problem problem(FailureReason reason, String detail, String instance) {
        Kind kind = FAILURES.get(reason);
        return new Problem("/problems/" + kind.type(), kind.title(), kind.status(), detail, instance);
    }

    private static void replaceEmpty(Context ctx, Kind kind, String detail) {
        if (!PROBLEM_JSON.equals(ctx.res().getContentType())) {
            respond(ctx, kind, detail);
        }
    }

    private static void respond(Context ctx, Kind kind, String detail) {
        ctx.status(kind.status())
                .contentType(PROBLEM_JSON)
                .json(new Problem("/problems/" + kind.type(), kind.title(), kind.status(), detail, ctx.path()));
        ctx.contentType(PROBLEM_JSON);
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Payload too large";
            default -> "HTTP " + status;
        };
    }
}
