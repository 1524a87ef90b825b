package dev.strata.migrate;

import java.util.List;

/** Every kind of per-user data a tier holds, in copy order: usage last, so it is copied after what it counts. */
final class UserParts {
    private UserParts() {
    }

    static List<UserPart> all() {
        return List.of(new RecordsPart(), new BlobsPart(), new IdempotencyKeysPart(), new UsagePart());
    }
}
