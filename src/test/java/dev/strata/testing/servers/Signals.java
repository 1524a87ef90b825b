package dev.strata.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** POSIX signals the JDK cannot send itself (SIGSTOP, SIGCONT). */
final class Signals {

    private Signals() {
    }

    /** Signals every process in one {@code kill}, so they all get it at practically the same moment. */
    static void send(String signal, long... pids) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        Arrays.stream(pids).mapToObj(Long::toString).forEach(command::add);
        try {
            Process kill = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + Arrays.toString(pids), e);
        }
    }
}
