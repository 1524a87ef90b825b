package dev.strata.domain;

/** The name of a record within its user's space, NFC-normalised; see {@link NameRules}. */
public record RecordKey(String value) implements Comparable<RecordKey> {
    @Override
    public int compareTo(RecordKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
