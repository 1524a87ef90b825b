package dev.strata.domain;

/** Per-user limits on totals; a write that would pass one fails with {@link QuotaExceededException}. */
public record Quotas(long maxRecords, long maxRecordBytes, long maxBlobs, long maxBlobBytes) {

    public void check(Usage after) {
        if (after.records() > maxRecords) {
            throw new QuotaExceededException("record quota of " + maxRecords + " records reached");
        }
        if (after.recordBytes() > maxRecordBytes) {
            throw new QuotaExceededException("record quota of " + maxRecordBytes + " bytes reached");
        }
        if (after.blobs() > maxBlobs) {
            throw new QuotaExceededException("blob quota of " + maxBlobs + " blobs reached");
        }
        if (after.blobBytes() > maxBlobBytes) {
            throw new QuotaExceededException("blob quota of " + maxBlobBytes + " bytes reached");
        }
    }
}
