package dev.strata.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.strata.domain.StoredRecord;

/** A record as clients see it; {@code value} is the stored JSON, embedded as is. */
record RecordResponse(String key, long version, @JsonRawValue String value, String createdAt, String updatedAt) {
    static RecordResponse from(StoredRecord r) {
        return new RecordResponse(r.key().value(), r.version(), r.value(), Timestamps.iso(r.createdAtMicros()),
                Timestamps.iso(r.updatedAtMicros()));
    }
}
