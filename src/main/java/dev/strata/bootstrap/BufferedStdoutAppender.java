package dev.strata.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Log lines to stdout through a 64 KiB buffer, flushed every 100 ms, at once after a warning or an error, and on stop.
 * Every request writes an access line: written and flushed one by one, as logback's console appender does, each
 * line is a system call (docs/performance.md, "Access log"). A process killed outright loses at most the last
 * 100 ms of info lines, never a warning or an error.
 */
final class BufferedStdoutAppender extends OutputStreamAppender<ILoggingEvent> {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final long FLUSH_EVERY_MILLIS = 100;

    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "strata-log-flush");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void start() {
        setImmediateFlush(false);
        setOutputStream(new BufferedOutputStream(new StdoutKeptOpen(), BUFFER_BYTES));
        super.start();
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        super.subAppend(event);
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            flush();
        }
    }

    void flush() {
        OutputStream stdout = getOutputStream();
        if (stdout == null) {
            return; // stopped: stopping flushed it
        }
        try {
            stdout.flush();
        } catch (IOException e) {
            addError("cannot flush the log to stdout", e);
        }
    }

    @Override
    public void stop() {
        flusher.shutdownNow();
        super.stop();
    }

    /** System.out as a plain stream whose close only flushes: stopping logging must not close the process's stdout. */
    private static final class StdoutKeptOpen extends OutputStream {
        @Override
        public void write(int b) {
            System.out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            System.out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            System.out.flush();
        }

        @Override
        public void close() {
            System.out.flush();
        }
    }
}
