package dev.strata.migrate;

import dev.strata.testing.StrataProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/strata.jar migrate ...} as a child process, as an operator runs it. */
final class MigrateProcess {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private MigrateProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    record Result(int exitCode, String out, String err) {
    }

    static MigrateProcess start(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", StrataProcess.jar().toString(), "migrate"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("strata-migrate-", ".out");
            Path err = Files.createTempFile("strata-migrate-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            return new MigrateProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result run(Map<String, String> env, String... args) throws InterruptedException {
        return start(env, args).awaitExit();
    }

    Result awaitExit() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("migrate did not finish in 5 minutes:\n" + read(stdout) + read(stderr));
        }
        return new Result(process.exitValue(), read(stdout), read(stderr));
    }

    /** Waits (at most 2 minutes) until the run has saved its first checkpoint, then kills it with -9. */
    void killOnceCheckpointed(Path checkpoint) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.exists(checkpoint) && process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        kill();
    }

    /** kill -9: no shutdown hook, no final checkpoint. */
    private void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
