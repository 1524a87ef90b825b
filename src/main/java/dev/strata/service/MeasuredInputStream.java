package dev.strata.service;

import dev.strata.domain.InvalidInputException;
import dev.strata.domain.PayloadTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and hashes (SHA-256) the bytes read through it, and stops the upload past {@code maxBytes}. */
final class MeasuredInputStream extends FilterInputStream {
    private final MessageDigest digest = Fingerprint.sha256();
    private final long maxBytes;
    private long count;

    MeasuredInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() {
        int b = readBody(() -> super.read());
        if (b >= 0) {
            digest.update((byte) b);
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int n = readBody(() -> super.read(buffer, offset, length));
        if (n > 0) {
            digest.update(buffer, offset, n);
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0;
    }

    long count() {
        return count;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads the rest of the stream for its size and hash only. */
    void drain() {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // counting and hashing happen in read
        }
    }

    /** A body that breaks off is the client's failure (400), never the blob store's. */
    private static int readBody(BodyRead read) {
        try {
            return read.next();
        } catch (IOException e) {
            throw new InvalidInputException("request body ended early or could not be read");
        }
    }

    @FunctionalInterface
    private interface BodyRead {
        int next() throws IOException;
    }

    private void advance(int n) {
        count += n;
        if (count > maxBytes) {
            throw new PayloadTooLargeException("blob is larger than " + maxBytes + " bytes");
        }
    }
}
