package dev.strata.api;

import dev.strata.domain.InvalidInputException;
import dev.strata.domain.WriteCondition;
import io.javalin.http.Context;
import java.util.Arrays;

/** Reads the conditional-request headers of RFC 9110 that Strata honours. */
final class Conditions {
    private Conditions() {
    }

    static WriteCondition forWrite(Context ctx) {
        String ifMatch = ctx.header("If-Match");
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && !ifNoneMatch.strip().equals("*")) {
            throw new InvalidInputException("on writes, If-None-Match supports only '*' (create only)");
        }
        return new WriteCondition(ifMatch == null ? null : ifMatch.strip(), ifNoneMatch != null);
    }

    /** True when the client's If-None-Match already names {@code etag}: answer 304. */
    static boolean notModified(Context ctx, String etag) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    static String idempotencyKey(Context ctx) {
        return ctx.header("Idempotency-Key");
    }
}
