package dev.strata.migrate;

import dev.strata.bootstrap.TierStores;
import dev.strata.domain.StoredRecord;
import dev.strata.domain.UserId;
import dev.strata.service.Fingerprint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Records with their values, versions and timestamps, so their ETags stay the same. */
final class RecordsPart implements UserPart {

    @Override
    public String name() {
        return "records";
    }

    @Override
    public void copy(UserId user, TierStores source, TierStores target, Progress progress) {
        forEachPage(user, source, page -> {
            target.records().write(user, data -> {
                page.forEach(data::importRecord);
                return null;
            });
            progress.add(new Totals(0, page.size(), 0, page.stream().mapToLong(StoredRecord::valueBytes).sum()));
        });
    }

    @Override
    public Map<String, String> checksums(UserId user, TierStores stores) {
        Map<String, String> checksums = new LinkedHashMap<>();
        forEachPage(user, stores, page -> page.forEach(r -> checksums.put(r.key().value(),
                Fingerprint.of(r.version(), r.createdAtMicros(), r.updatedAtMicros(), r.value()))));
        return checksums;
    }

    private static void forEachPage(UserId user, TierStores stores, Consumer<List<StoredRecord>> action) {
        Pages.forEach(null, after -> stores.records().read(user, data -> data.listRecords("", after, Pages.SIZE)),
                r -> r.key().value(), action);
    }
}
