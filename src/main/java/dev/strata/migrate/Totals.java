package dev.strata.migrate;

/** How much data: users, records, blobs and bytes (record values plus blob contents). */
record Totals(long users, long records, long blobs, long bytes) {
    static final Totals NONE = new Totals(0, 0, 0, 0);

    Totals plus(Totals other) {
        return new Totals(users + other.users, records + other.records, blobs + other.blobs, bytes + other.bytes);
    }

    @Override
    public String toString() {
        return users + " users, " + records + " records, " + blobs + " blobs, " + Progress.bytes(bytes);
    }
}
