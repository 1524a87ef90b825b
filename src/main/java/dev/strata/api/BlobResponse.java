package dev.strata.api;

import dev.strata.domain.BlobMetadata;

/** A blob's metadata as clients see it (never its storage key). */
record BlobResponse(String name, long size, String sha256, String contentType, long version, String createdAt,
                    String updatedAt) {
    static BlobResponse from(BlobMetadata b) {
        return new BlobResponse(b.name().value(), b.size(), b.sha256(), b.contentType(), b.version(),
                Timestamps.iso(b.createdAtMicros()), Timestamps.iso(b.updatedAtMicros()));
    }
}
