package dev.strata.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of an RFC 9110 {@code Range} header. Multiple ranges and malformed headers are ignored
 * (the whole representation is sent), as the RFC allows.
 */
record ByteRange(long offset, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Thrown for a syntactically valid range that lies outside the blob: the answer is 416. */
    static final class Unsatisfiable extends RuntimeException {
        private final long size;

        Unsatisfiable(long size) {
            super("requested range lies outside the blob of " + size + " bytes", null, false, false);
            this.size = size;
        }

        long size() {
            return size;
        }
    }

    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable(size);
                }
                long length = Math.min(suffix, size);
                return Optional.of(new ByteRange(size - length, length));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size) {
                throw new Unsatisfiable(size);
            }
            if (last < first) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(first, last - first + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }
}
