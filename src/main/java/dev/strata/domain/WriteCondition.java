package dev.strata.domain;

import java.util.Arrays;

/**
 * The HTTP preconditions of a write: {@code If-Match} (a list of ETags or {@code *}) and {@code If-None-Match: *}
 * (create only).
 */
public record WriteCondition(String ifMatch, boolean createOnly) {
    public static final WriteCondition NONE = new WriteCondition(null, false);

    /** Throws {@link PreconditionFailedException} unless the current ETag (null when absent) satisfies this condition. */
    public void check(String currentEtag) {
        if (createOnly && currentEtag != null) {
            throw new PreconditionFailedException("If-None-Match: * but the target already exists");
        }
        if (ifMatch != null && !matches(currentEtag)) {
            throw new PreconditionFailedException("If-Match does not match the current version");
        }
    }

    private boolean matches(String currentEtag) {
        if (currentEtag == null) {
            return false;
        }
        return Arrays.stream(ifMatch.split(","))
                .map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.equals(currentEtag));
    }
}
