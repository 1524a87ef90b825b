package dev.strata.domain;

/**
 * A blob's metadata row. {@code storageKey} is server-generated and names the bytes in the blob store;
 * the client's {@code name} is only metadata. The strong ETag is the content's SHA-256.
 */
public record BlobMetadata(UserId user, BlobName name, String storageKey, long size, String sha256, String contentType,
                           long version, long createdAtMicros, long updatedAtMicros) {

    public String etag() {
        return "\"" + sha256 + "\"";
    }
}
