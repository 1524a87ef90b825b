package dev.strata.api;

import dev.strata.service.UsageReport;

/** What a user holds and what they may hold. */
record UsageResponse(String userId, Totals used, Totals quota) {
    record Totals(long records, long recordBytes, long blobs, long blobBytes) {
    }

    static UsageResponse from(String userId, UsageReport report) {
        var u = report.usage();
        var q = report.quotas();
        return new UsageResponse(userId, new Totals(u.records(), u.recordBytes(), u.blobs(), u.blobBytes()),
                new Totals(q.maxRecords(), q.maxRecordBytes(), q.maxBlobs(), q.maxBlobBytes()));
    }
}
