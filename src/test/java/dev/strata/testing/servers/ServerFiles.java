package dev.strata.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files of the test servers under target/test-servers: the artifacts the build puts there and one
 * working directory per server (kept after a failed run, for its logs).
 */
final class ServerFiles {

    private static final Path ROOT =
            Path.of(System.getProperty("strata.test.servers.dir", "target/test-servers")).toAbsolutePath();

    private ServerFiles() {
    }

    /** A file the build copied for the tests, e.g. {@code s3proxy.jar}. */
    static Path artifact(String name) {
        Path path = ROOT.resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: run the tests through Maven "
                    + "(its process-test-resources phase puts it there)");
        }
        return path;
    }

    static Path newWorkDir(String prefix) {
        try {
            Path work = Files.createDirectories(ROOT.resolve("work"));
            return Files.createTempDirectory(work, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + ROOT, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
