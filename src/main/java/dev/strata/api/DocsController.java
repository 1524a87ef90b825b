package dev.strata.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document of this API. */
final class DocsController {
    static final String OPENAPI_RESOURCE = "/openapi.yaml";

    private final byte[] openApi;

    DocsController() {
        try (InputStream in = DocsController.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void openApi(Context ctx) {
        ctx.contentType("application/yaml").result(openApi);
    }
}
