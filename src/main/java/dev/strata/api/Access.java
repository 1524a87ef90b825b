package dev.strata.api;

import dev.strata.auth.Caller;
import dev.strata.auth.TokenVerifier;
import dev.strata.domain.ForbiddenException;
import dev.strata.domain.RateLimitedException;
import dev.strata.domain.UnauthenticatedException;
import dev.strata.domain.UserId;
import dev.strata.port.RateLimiter;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Who may do what: every {@code /v1} request carries a bearer token; a user reaches only its own
 * {@code /v1/users/{id}} ({@code me} is an alias), an admin reaches every user and {@code /v1/admin}.
 */
final class Access {
    private static final String CALLER = "strata.caller";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier tokens;
    private final RateLimiter rateLimiter;

    Access(TokenVerifier tokens, RateLimiter rateLimiter) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    /**
     * {@code handler} run only for a caller whose token and rate allow it. Wrapping each route rather than a
     * {@code beforeMatched("/v1/*")} handler spares Javalin matching every request's path a second time.
     */
    Handler authenticated(Handler handler) {
        return ctx -> {
            authenticate(ctx);
            handler.handle(ctx);
        };
    }

    private void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthenticatedException("an Authorization: Bearer token is required");
        }
        ctx.attribute(CALLER, admit(header.substring(BEARER.length()).strip()));
    }

    /** A WebSocket upgrade: the bearer token, or the {@code access_token} query parameter browsers must use. */
    Caller authenticateUpgrade(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return admit(header.substring(BEARER.length()).strip());
        }
        String token = ctx.queryParam("access_token");
        if (token == null || token.isBlank()) {
            throw new UnauthenticatedException("an Authorization: Bearer token or an access_token parameter is required");
        }
        return admit(token.strip());
    }

    private Caller admit(String token) {
        Caller caller = tokens.verify(token);
        rateLimiter.tryAcquire(caller.user()).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
        return caller;
    }

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new UnauthenticatedException("an Authorization: Bearer token is required");
        }
        return caller;
    }

    /** The user named by the path's {@code {u}}, after checking the caller may act for it. */
    static UserId owner(Context ctx) {
        Caller caller = caller(ctx);
        String raw = ctx.pathParam("u");
        UserId owner = raw.equals("me") ? caller.user() : new UserId(raw);
        if (!caller.admin() && !owner.equals(caller.user())) {
            throw new ForbiddenException("a token for one user cannot reach another user's data");
        }
        return owner;
    }

    static void requireAdmin(Context ctx) {
        if (!caller(ctx).admin()) {
            throw new ForbiddenException("this route needs an admin token");
        }
    }
}
