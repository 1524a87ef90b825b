package dev.strata.domain;

/** The client's name for a blob, NFC-normalised; only metadata, never a storage path. See {@link NameRules}. */
public record BlobName(String value) {
    @Override
    public String toString() {
        return value;
    }
}
