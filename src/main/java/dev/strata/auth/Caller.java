package dev.strata.auth;

import dev.strata.domain.UserId;
import java.time.Instant;

/** Who sent a request: the token's subject, whether its scope includes {@code admin}, and when the token expires. */
public record Caller(UserId user, boolean admin, Instant tokenExpiresAt) {
}
