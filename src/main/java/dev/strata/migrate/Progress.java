package dev.strata.migrate;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress bar on stderr: users, records, blobs and bytes done out of the planned totals, the byte rate and
 * the ETA. On a terminal one line is redrawn in place with {@code \r}; otherwise (logs, CI) a line is printed
 * every few seconds. Used from one thread.
 */
final class Progress {
    private static final Duration TERMINAL_REDRAW = Duration.ofMillis(250);
    private static final Duration LOG_LINE = Duration.ofSeconds(5);

    private final String phase;
    private final Totals planned;
    private final PrintWriter err;
    private final boolean terminal;
    private final Clock clock;
    private final long startedAt;
    /** Bytes copied by an earlier run; the rate and ETA count only this run's. */
    private final long resumedBytes;
    private long drawnAt;
    private long users;
    private long records;
    private long blobs;
    private long bytes;

    Progress(String phase, Totals planned, Totals alreadyDone, PrintWriter err, boolean terminal, Clock clock) {
        this.phase = phase;
        this.planned = planned;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.drawnAt = startedAt;
        this.users = alreadyDone.users();
        this.records = alreadyDone.records();
        this.blobs = alreadyDone.blobs();
        this.bytes = alreadyDone.bytes();
        this.resumedBytes = alreadyDone.bytes();
    }

    void add(Totals done) {
        users += done.users();
        records += done.records();
        blobs += done.blobs();
        bytes += done.bytes();
        long now = clock.millis();
        if (now - drawnAt >= (terminal ? TERMINAL_REDRAW : LOG_LINE).toMillis()) {
            draw(now);
        }
    }

    /** Draws the final state and ends the line. */
    void finish() {
        draw(clock.millis());
        if (terminal) {
            err.println();
        }
    }

    private void draw(long now) {
        drawnAt = now;
        double seconds = Math.max(0.001, (now - startedAt) / 1000.0);
        long bytesThisRun = bytes - resumedBytes;
        String line = String.format(Locale.ROOT, "%s  users %d/%d  records %d/%d  blobs %d/%d  %s/%s  %s/s  ETA %s",
                phase, users, planned.users(), records, planned.records(), blobs, planned.blobs(),
                bytes(bytes), bytes(planned.bytes()), bytes((long) (bytesThisRun / seconds)), eta(seconds, bytesThisRun));
        if (terminal) {
            err.print("\r" + line + "   ");
        } else {
            err.println(line);
        }
        err.flush();
    }

    private String eta(double seconds, long bytesThisRun) {
        long remaining = Math.max(0, planned.bytes() - bytes);
        if (remaining == 0) {
            return "0s";
        }
        if (bytesThisRun == 0) {
            return "?";
        }
        return duration(Duration.ofMillis((long) (remaining * seconds * 1000 / bytesThisRun)));
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
