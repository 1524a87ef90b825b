package dev.strata.migrate;

import dev.strata.bootstrap.TierStores;
import dev.strata.domain.IdempotencyEntry;
import dev.strata.domain.UserId;
import dev.strata.service.Fingerprint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Remembered {@code Idempotency-Key}s with their outcomes, so a client retrying across the cut-over gets its replay. */
final class IdempotencyKeysPart implements UserPart {

    @Override
    public String name() {
        return "idempotency keys";
    }

    @Override
    public void copy(UserId user, TierStores source, TierStores target, Progress progress) {
        forEachPage(user, source, page -> target.records().write(user, data -> {
            page.forEach(data::saveIdempotencyKey);
            return null;
        }));
    }

    @Override
    public Map<String, String> checksums(UserId user, TierStores stores) {
        Map<String, String> checksums = new LinkedHashMap<>();
        forEachPage(user, stores, page -> page.forEach(e -> checksums.put(e.key(),
                Fingerprint.of(e.fingerprint(), e.completed(), e.payload(), e.leaseUntilMicros(), e.expiresAtMicros()))));
        return checksums;
    }

    private static void forEachPage(UserId user, TierStores stores, Consumer<List<IdempotencyEntry>> action) {
        Pages.forEach(null, after -> stores.records().read(user, data -> data.listIdempotencyKeys(after, Pages.SIZE)),
                IdempotencyEntry::key, action);
    }
}
