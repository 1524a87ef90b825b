package dev.strata.service;

import dev.strata.domain.StoredRecord;

/** The result of a record PUT: the record as stored, and whether the PUT created it. */
public record RecordWrite(StoredRecord record, boolean created) {
}
