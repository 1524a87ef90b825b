package dev.strata.config;

/**
 * @param maxRecordBytes largest record value (default 64KiB)
 * @param maxJsonDepth   deepest nesting of a record value (default 32)
 * @param maxBlobBytes   largest blob (default 2GiB)
 * @param maxKeyBytes    longest record key or blob name in UTF-8 bytes (default 512)
 */
public record LimitsConfig(DataSize maxRecordBytes, Integer maxJsonDepth, DataSize maxBlobBytes, Integer maxKeyBytes) {
    public LimitsConfig {
        maxRecordBytes = maxRecordBytes == null ? DataSize.parse("64KiB") : maxRecordBytes;
        ConfigException.require(maxRecordBytes.bytes() > 0, "limits.maxRecordBytes", "must be positive");
        maxJsonDepth = maxJsonDepth == null ? 32 : maxJsonDepth;
        ConfigException.require(maxJsonDepth > 0, "limits.maxJsonDepth", "must be positive");
        maxBlobBytes = maxBlobBytes == null ? DataSize.parse("2GiB") : maxBlobBytes;
        maxKeyBytes = maxKeyBytes == null ? 512 : maxKeyBytes;
        ConfigException.require(maxKeyBytes > 0 && maxKeyBytes <= 1024, "limits.maxKeyBytes", "must be between 1 and 1024");
    }

    static LimitsConfig defaults() {
        return new LimitsConfig(null, null, null, null);
    }
}
