package dev.strata.plan;

import java.util.Locale;

/** How the planner writes bytes and rates. */
final class Units {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {
    }

    static String bytes(double bytes) {
        int unit = 0;
        while (bytes >= 1024 && unit < BYTE_UNITS.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, BYTE_UNITS[unit]);
    }

    static String number(double value) {
        return value >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%,.2f", value);
    }

    /** Whole mebibytes, rounded up, as a tier file writes a size. */
    static String mebibytes(long bytes) {
        return Math.max(1, (bytes + (1 << 20) - 1) >> 20) + "MiB";
    }
}
