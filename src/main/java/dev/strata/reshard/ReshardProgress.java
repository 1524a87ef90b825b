package dev.strata.reshard;

import java.io.PrintWriter;
import java.time.Duration;

/** One line on stderr, redrawn in place: buckets moved, rows copied, the longest freeze so far, and an ETA. */
final class ReshardProgress {
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final int totalBuckets;
    private final int doneAtStart;
    private final long startedNanos = System.nanoTime();
    private int done;
    private long rows;
    private Duration longestFreeze = Duration.ZERO;
    private long lastDrawnNanos;

    ReshardProgress(PrintWriter out, int totalBuckets, int doneAtStart) {
        this.out = out;
        this.totalBuckets = totalBuckets;
        this.doneAtStart = doneAtStart;
        this.done = doneAtStart;
    }

    synchronized void rowsCopied(long count) {
        rows += count;
        if (System.nanoTime() - lastDrawnNanos > REDRAW_NANOS) {
            draw();
        }
    }

    synchronized void bucketMoved(Duration frozen) {
        done++;
        if (frozen.compareTo(longestFreeze) > 0) {
            longestFreeze = frozen;
        }
        draw();
    }

    synchronized void finish(String message) {
        draw();
        out.println();
        out.println(message);
    }

    private void draw() {
        lastDrawnNanos = System.nanoTime();
        int filled = totalBuckets == 0 ? BAR_WIDTH : done * BAR_WIDTH / totalBuckets;
        out.print("\rbuckets " + done + "/" + totalBuckets + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled)
                + "] rows " + rows + ", longest freeze " + longestFreeze.toMillis() + " ms, ETA " + eta() + "   ");
        out.flush();
    }

    private String eta() {
        int movedNow = done - doneAtStart;
        if (movedNow == 0) {
            return "?";
        }
        long perBucket = (System.nanoTime() - startedNanos) / movedNow;
        Duration left = Duration.ofNanos(perBucket * (totalBuckets - done));
        return String.format("%d:%02d", left.toMinutes(), left.toSecondsPart());
    }
}
