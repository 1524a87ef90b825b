package dev.strata.api;

import dev.strata.domain.InvalidInputException;
import io.javalin.http.Context;

/** Typed query parameters with 400s that say what was wrong. */
final class QueryParams {
    private QueryParams() {
    }

    /** The {@code limit} parameter, or null when absent. */
    static Integer limit(Context ctx) {
        return integer(ctx, "limit", 1, Integer.MAX_VALUE);
    }

    static Integer integer(Context ctx, String name, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new InvalidInputException(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a whole number");
        }
    }
}
