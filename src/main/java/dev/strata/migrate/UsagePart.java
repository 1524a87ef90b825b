package dev.strata.migrate;

import dev.strata.bootstrap.TierStores;
import dev.strata.domain.Usage;
import dev.strata.domain.UserId;
import dev.strata.service.Fingerprint;
import java.util.Map;

/** The user's totals, copied as they are so quotas keep counting from the same numbers. */
final class UsagePart implements UserPart {

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public void copy(UserId user, TierStores source, TierStores target, Progress progress) {
        Usage usage = source.records().read(user, data -> data.usage());
        target.records().write(user, data -> {
            data.saveUsage(usage);
            return null;
        });
    }

    @Override
    public Map<String, String> checksums(UserId user, TierStores stores) {
        Usage u = stores.records().read(user, data -> data.usage());
        return Map.of("totals", Fingerprint.of(u.records(), u.recordBytes(), u.blobs(), u.blobBytes()));
    }
}
