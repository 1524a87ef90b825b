package dev.strata.domain;

/**
 * One record as stored. Times are microseconds since the epoch. The strong ETag combines the version with the
 * creation time, so a record deleted and created again never repeats an ETag of its earlier life.
 */
public record StoredRecord(UserId user, RecordKey key, String value, long version, long createdAtMicros, long updatedAtMicros) {

    public String etag() {
        return "\"" + version + "." + Long.toString(createdAtMicros, 36) + "\"";
    }

    public int valueBytes() {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
