package dev.strata.api;

import dev.strata.domain.NameRules;
import dev.strata.domain.RecordKey;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import dev.strata.service.RecordService;
import dev.strata.service.RecordWrite;
import dev.strata.service.Removal;
import io.javalin.http.Context;

/** {@code /v1/users/{u}/records}: JSON values under keys. */
final class RecordController {
    private final RecordService records;
    private final NameRules names;
    private final int maxValueBytes;
    private final Acknowledgements acks;

    RecordController(RecordService records, NameRules names, int maxValueBytes, Acknowledgements acks) {
        this.records = records;
        this.acks = acks;
        this.names = names;
        this.maxValueBytes = maxValueBytes;
    }

    void get(Context ctx) {
        UserId owner = Access.owner(ctx);
        StoredRecord record = records.get(owner, key(ctx));
        ctx.header("ETag", record.etag());
        if (Conditions.notModified(ctx, record.etag())) {
            ctx.status(304);
            return;
        }
        ctx.json(RecordResponse.from(record));
    }

    void put(Context ctx) {
        UserId owner = Access.owner(ctx);
        RecordKey key = key(ctx);
        byte[] body = Bodies.readAtMost(ctx, maxValueBytes);
        var outcome = records.put(owner, key, body, Conditions.forWrite(ctx), Conditions.idempotencyKey(ctx));
        acks.settle(ctx, owner, outcome, RecordWrite.class).ifPresent(write -> {
            ctx.header("ETag", write.record().etag());
            if (write.created()) {
                ctx.status(201).header("Location", Paths.record(owner.value(), key.value()));
            }
            ctx.json(RecordResponse.from(write.record()));
        });
    }

    void delete(Context ctx) {
        UserId owner = Access.owner(ctx);
        var outcome = records.delete(owner, key(ctx), Conditions.forWrite(ctx), Conditions.idempotencyKey(ctx));
        acks.settle(ctx, owner, outcome, Removal.class).ifPresent(removal -> ctx.status(204));
    }

    void list(Context ctx) {
        UserId owner = Access.owner(ctx);
        var page = records.list(owner, names.prefix(ctx.queryParam("prefix")), ctx.queryParam("cursor"), QueryParams.limit(ctx));
        ctx.json(ListResponse.from(page, RecordResponse::from));
    }

    private RecordKey key(Context ctx) {
        return names.recordKey(ctx.pathParam("key"));
    }
}
