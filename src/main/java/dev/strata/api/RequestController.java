package dev.strata.api;

import dev.strata.service.RequestService;
import io.javalin.http.Context;

/** {@code /v1/requests/{id}}: where a queued write is; long-polls with {@code ?wait=N}. Callers see only their own. */
final class RequestController {
    private final RequestService requests;

    RequestController(RequestService requests) {
        this.requests = requests;
    }

    void get(Context ctx) {
        var status = requests.await(Access.caller(ctx).user(), ctx.pathParam("id"), Acknowledgements.queryWait(ctx));
        ctx.json(RequestResponse.from(status, requests, ctx.path()));
    }
}
