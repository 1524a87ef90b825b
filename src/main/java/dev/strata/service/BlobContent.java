package dev.strata.service;

import dev.strata.domain.BlobMetadata;
import java.io.InputStream;

/** An open byte range of a blob; the caller closes {@code bytes}. */
public record BlobContent(BlobMetadata blob, long offset, long length, InputStream bytes) {
}
