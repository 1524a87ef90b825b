package dev.strata.reshard;

import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/strata.jar reshard ...} as a child process, so a test can kill it with SIGKILL. */
final class ReshardProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private ReshardProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static ReshardProcess start(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", StrataProcess.jar().toString(), "reshard"));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("strata-reshard-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("STRATA_JWT_SECRET", TestServer.SECRET);
            return new ReshardProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs to the end; fails with the output when it exits non-zero or takes longer than {@code timeout}. */
    static String run(Duration timeout, String... arguments) throws InterruptedException {
        try (ReshardProcess reshard = start(arguments)) {
            int exit = reshard.awaitExit(timeout);
            if (exit != 0) {
                throw new AssertionError("reshard exited with " + exit + ":\n" + reshard.output());
            }
            return reshard.output();
        }
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("reshard did not finish within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no cleanup, connections just drop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
