package dev.strata.migrate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Differences found by verification: all counted, the first {@link #SHOWN} kept to print one line each. */
final class Mismatches {
    static final int SHOWN = 50;

    private final List<String> shown = new ArrayList<>();
    private long count;

    void add(String line) {
        count++;
        if (shown.size() < SHOWN) {
            shown.add(line);
        }
    }

    long count() {
        return count;
    }

    void print(PrintWriter out) {
        shown.forEach(line -> out.println("mismatch: " + line));
        if (count > shown.size()) {
            out.println("mismatch: ... and " + (count - shown.size()) + " more");
        }
    }
}
