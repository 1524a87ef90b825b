package dev.strata.testing.servers;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A test server that runs as a child process this harness started (managed), or an external one named by a
 * {@code STRATA_TEST_*} variable (then the process controls throw). Subclasses say how to launch it.
 */
abstract class ChildServer implements AutoCloseable {
    private final String description;
    private final Path workDir;
    private final Duration stopGrace;
    private ChildProcess process;

    /** @param workDir the server's own directory, or null for an external server */
    ChildServer(String description, Path workDir, Duration stopGrace) {
        this.description = description;
        this.workDir = workDir;
        this.stopGrace = stopGrace;
    }

    /** Starts the process (again) and waits until it answers. */
    abstract ChildProcess launch();

    final Path workDir() {
        return workDir;
    }

    final synchronized void startProcess() {
        process = launch();
    }

    /** False when the server comes from a STRATA_TEST_* variable. */
    public boolean isManaged() {
        return workDir != null;
    }

    public synchronized long pid() {
        return managedProcess().pid();
    }

    /** SIGTERM: a controlled shutdown. */
    public synchronized void stop() {
        managedProcess().stop(stopGrace);
    }

    /** SIGKILL ({@code kill -9}), as a crash would. */
    public synchronized void kill() {
        managedProcess().kill();
    }

    /** SIGSTOP: the server keeps its connections but answers nothing until {@link #resume()}. */
    public synchronized void pause() {
        managedProcess().pause();
    }

    public synchronized void resume() {
        managedProcess().resume();
    }

    /** Starts a stopped or killed server again on the same port(s) and directory. */
    public synchronized void restart() {
        if (managedProcess().isAlive()) {
            process.stop(stopGrace);
        }
        startProcess();
    }

    @Override
    public synchronized void close() {
        if (!isManaged()) {
            return;
        }
        if (process != null) {
            process.stop(stopGrace);
        }
        ServerFiles.deleteRecursively(workDir);
    }

    private ChildProcess managedProcess() {
        if (!isManaged()) {
            throw new UnsupportedOperationException(description + " comes from a STRATA_TEST_* variable; "
                    + "only servers this harness started can be stopped or signalled");
        }
        return process;
    }
}
