package dev.strata.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Stored times are epoch microseconds; responses show them as ISO-8601 instants, exactly as {@link Instant#toString}
 * writes them (fraction in groups of three digits, none when zero). Written by hand because every record response
 * carries two: through {@code Instant.toString} they took ~4% of a cached record GET's CPU.
 */
final class Timestamps {
    private static final int MICROS_PER_SECOND = 1_000_000;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000};

    private Timestamps() {
    }

    static String iso(long epochMicros) {
        long epochSecond = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int micros = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return Instant.ofEpochSecond(epochSecond, micros * 1_000L).toString();
        }
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        StringBuilder iso = new StringBuilder(27);
        digits(iso, date.getYear(), 4).append('-');
        digits(iso, date.getMonthValue(), 2).append('-');
        digits(iso, date.getDayOfMonth(), 2).append('T');
        digits(iso, secondOfDay / 3600, 2).append(':');
        digits(iso, secondOfDay / 60 % 60, 2).append(':');
        digits(iso, secondOfDay % 60, 2);
        if (micros % 1000 == 0 && micros != 0) {
            digits(iso.append('.'), micros / 1000, 3);
        } else if (micros != 0) {
            digits(iso.append('.'), micros, 6);
        }
        return iso.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder to, int value, int width) {
        for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
            to.append((char) ('0' + value / divisor % 10));
        }
        return to;
    }
}
