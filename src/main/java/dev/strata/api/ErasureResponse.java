package dev.strata.api;

import dev.strata.domain.ErasedData;

/** What erasing a user removed; all zero when there was nothing left to erase. */
record ErasureResponse(String userId, long recordsDeleted, long blobsDeleted, long bytesFreed) {
    static ErasureResponse from(String userId, ErasedData erased) {
        return new ErasureResponse(userId, erased.records(), erased.blobs(), erased.bytes());
    }
}
