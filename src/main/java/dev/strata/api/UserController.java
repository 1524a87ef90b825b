package dev.strata.api;

import dev.strata.domain.UserId;
import dev.strata.service.UserService;
import io.javalin.http.Context;

/** {@code /v1/users/{u}} as a whole: usage and erasure. */
final class UserController {
    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    void usage(Context ctx) {
        UserId owner = Access.owner(ctx);
        ctx.json(UsageResponse.from(owner.value(), users.usage(owner)));
    }

    void erase(Context ctx) {
        UserId owner = Access.owner(ctx);
        ctx.json(ErasureResponse.from(owner.value(), users.erase(owner)));
    }
}
