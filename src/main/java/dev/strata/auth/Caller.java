package dev.strata.auth;

import dev.strata.domain.UserId;

/** Who sent a request: the token's subject, and whether its scope includes {@code admin}. */
public record Caller(UserId user, boolean admin) {
}
