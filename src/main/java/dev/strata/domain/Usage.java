package dev.strata.domain;

/** What one user holds: counts and bytes of records and blobs. */
public record Usage(long records, long recordBytes, long blobs, long blobBytes) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage plusRecord(long count, long bytes) {
        return new Usage(records + count, recordBytes + bytes, blobs, blobBytes);
    }

    public Usage plusBlob(long count, long bytes) {
        return new Usage(records, recordBytes, blobs + count, blobBytes + bytes);
    }
}
