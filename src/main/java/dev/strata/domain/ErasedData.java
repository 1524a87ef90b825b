package dev.strata.domain;

import java.util.List;

/** What erasing a user removed from the metadata store; {@code storageKeys} name the blob bytes to delete next. */
public record ErasedData(long records, long blobs, long bytes, List<String> storageKeys) {
}
