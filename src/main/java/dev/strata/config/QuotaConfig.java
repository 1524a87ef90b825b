package dev.strata.config;

/**
 * Per-user totals; a write that would pass one gets 507.
 *
 * @param maxRecords     records per user (default 100000)
 * @param maxRecordBytes bytes of record values per user (default 256MiB)
 * @param maxBlobs       blobs per user (default 10000)
 * @param maxBlobBytes   bytes of blobs per user (default 10GiB)
 */
public record QuotaConfig(Long maxRecords, DataSize maxRecordBytes, Long maxBlobs, DataSize maxBlobBytes) {
    public QuotaConfig {
        maxRecords = maxRecords == null ? 100_000L : maxRecords;
        maxRecordBytes = maxRecordBytes == null ? DataSize.ofMebibytes(256) : maxRecordBytes;
        maxBlobs = maxBlobs == null ? 10_000L : maxBlobs;
        maxBlobBytes = maxBlobBytes == null ? DataSize.parse("10GiB") : maxBlobBytes;
        ConfigException.require(maxRecords >= 0, "quotas.maxRecords", "must not be negative");
        ConfigException.require(maxBlobs >= 0, "quotas.maxBlobs", "must not be negative");
    }

    static QuotaConfig defaults() {
        return new QuotaConfig(null, null, null, null);
    }
}
