package dev.strata.adapter.cache.redis;

import dev.strata.domain.StoredRecord;
import java.util.Optional;

/** What Redis holds for a record: the record when cached, and the token to fill it with after a miss. */
public record SharedLookup(Optional<StoredRecord> record, FillToken fillToken) {
}
