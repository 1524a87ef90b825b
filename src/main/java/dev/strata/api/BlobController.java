package dev.strata.api;

import dev.strata.domain.BlobMetadata;
import dev.strata.domain.BlobName;
import dev.strata.domain.NameRules;
import dev.strata.domain.UserId;
import dev.strata.service.BlobContent;
import dev.strata.service.BlobService;
import dev.strata.service.BlobWrite;
import dev.strata.service.Removal;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** {@code /v1/users/{u}/blobs}: binary data streamed in and out, with byte ranges. */
final class BlobController {
    /** Bytes per write to the connection: transferTo's own 8 KiB would take 128 socket writes per MiB. */
    private static final int RESPONSE_CHUNK = 64 * 1024;

    private final BlobService blobs;
    private final NameRules names;
    private final Acknowledgements acks;

    BlobController(BlobService blobs, NameRules names, Acknowledgements acks) {
        this.blobs = blobs;
        this.acks = acks;
        this.names = names;
    }

    void put(Context ctx) {
        UserId owner = Access.owner(ctx);
        BlobName name = name(ctx);
        var outcome = blobs.put(owner, name, ctx.header("Content-Type"), ctx.req().getContentLengthLong(),
                ctx.bodyInputStream(), Conditions.forWrite(ctx), Conditions.idempotencyKey(ctx));
        acks.settle(ctx, owner, outcome, BlobWrite.class).ifPresent(write -> {
            ctx.header("ETag", write.blob().etag());
            if (write.created()) {
                ctx.status(201).header("Location", Paths.blob(owner.value(), name.value()));
            }
            ctx.json(BlobResponse.from(write.blob()));
        });
    }

    void get(Context ctx) throws IOException {
        BlobMetadata blob = blobs.head(Access.owner(ctx), name(ctx));
        if (!writeHeaders(ctx, blob) || redirected(ctx, blob)) {
            return;
        }
        Optional<ByteRange> range = ByteRange.parse(ctx.header("Range"), blob.size());
        long offset = range.map(ByteRange::offset).orElse(0L);
        long length = range.map(ByteRange::length).orElse(blob.size());
        // opened before the length is set, so a blob store failure answers with its own problem document
        BlobContent content = blobs.open(blob, offset, length);
        writeLength(ctx, blob, range);
        try (InputStream in = content.bytes();
             OutputStream out = new BufferedOutputStream(ctx.res().getOutputStream(), RESPONSE_CHUNK)) {
            in.transferTo(out);
        }
    }

    void head(Context ctx) {
        BlobMetadata blob = blobs.head(Access.owner(ctx), name(ctx));
        if (writeHeaders(ctx, blob)) {
            writeLength(ctx, blob, ByteRange.parse(ctx.header("Range"), blob.size()));
        }
    }

    void delete(Context ctx) {
        UserId owner = Access.owner(ctx);
        var outcome = blobs.delete(owner, name(ctx), Conditions.forWrite(ctx), Conditions.idempotencyKey(ctx));
        acks.settle(ctx, owner, outcome, Removal.class).ifPresent(removal -> ctx.status(204));
    }

    void list(Context ctx) {
        UserId owner = Access.owner(ctx);
        var page = blobs.list(owner, names.prefix(ctx.queryParam("prefix")), ctx.queryParam("cursor"), QueryParams.limit(ctx));
        ctx.json(ListResponse.from(page, BlobResponse::from));
    }

    /** {@code Prefer: redirect}: a 307 to a presigned URL of the blob store, when it has one. */
    private boolean redirected(Context ctx, BlobMetadata blob) {
        String prefer = ctx.header("Prefer");
        if (prefer == null || !prefer.toLowerCase(java.util.Locale.ROOT).contains("redirect")) {
            return false;
        }
        Optional<java.net.URI> location = blobs.directDownload(blob);
        location.ifPresent(uri -> ctx.status(307).header("Location", uri.toString()).header("Preference-Applied", "redirect"));
        return location.isPresent();
    }

    /** Writes the representation headers; false when the answer is 304 and no body follows. */
    private static boolean writeHeaders(Context ctx, BlobMetadata blob) {
        ctx.header("ETag", blob.etag());
        ctx.header("Accept-Ranges", "bytes");
        if (Conditions.notModified(ctx, blob.etag())) {
            ctx.status(304);
            return false;
        }
        ctx.contentType(blob.contentType());
        return true;
    }

    /** Sets status and length for the whole blob or the requested range. */
    private static void writeLength(Context ctx, BlobMetadata blob, Optional<ByteRange> range) {
        if (range.isPresent()) {
            ctx.status(206).header("Content-Range", range.get().contentRange(blob.size()));
            ctx.res().setContentLengthLong(range.get().length());
        } else {
            ctx.status(200);
            ctx.res().setContentLengthLong(blob.size());
        }
    }

    private BlobName name(Context ctx) {
        return names.blobName(ctx.pathParam("name"));
    }
}
