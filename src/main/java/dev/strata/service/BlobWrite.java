package dev.strata.service;

import dev.strata.domain.BlobMetadata;

/** The result of a blob PUT: the metadata as stored, and whether the PUT created the blob. */
public record BlobWrite(BlobMetadata blob, boolean created) {
}
