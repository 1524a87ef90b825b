package dev.strata.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code scenarios.csv}: {@code id|title|subject|baseline|targets|status}. Targets are separated by
 * {@code ;} (see {@link Target}); status is {@code run} or the reason it was skipped.
 */
record Scenario(String id, String title, String subject, String baseline, List<Target> targets, String status) {

    static List<Scenario> read(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().filter(line -> !line.isBlank()).map(Scenario::parse).toList();
    }

    private static Scenario parse(String line) {
        String[] f = line.split("\\|", -1);
        List<Target> targets = Arrays.stream(f[4].split(";")).filter(t -> !t.isBlank()).map(Target::parse).toList();
        return new Scenario(f[0], f[1], f[2], f[3], targets, f[5]);
    }

    boolean skipped() {
        return !status.equals("run");
    }

    /** Start-up scenarios measure milliseconds and megabytes; the others requests. */
    boolean isStartup() {
        return id.startsWith("startup");
    }
}
