package dev.strata.api;

import dev.strata.domain.InvalidInputException;
import dev.strata.domain.PayloadTooLargeException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reads small request bodies whole, refusing more than a limit before and while reading. */
final class Bodies {
    private Bodies() {
    }

    static byte[] readAtMost(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new PayloadTooLargeException("request body is larger than " + maxBytes + " bytes");
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new PayloadTooLargeException("request body is larger than " + maxBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new InvalidInputException("request body ended early or could not be read");
        }
    }
}
