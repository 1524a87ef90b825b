package dev.strata.bench.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns one run's raw figures into its results: {@code latest.md} (tables), {@code latest.png} (ratio chart) and
 * {@code capacity.json} (the planner's per-instance figures).
 *
 * <p>Usage: {@code Report RESULTS_DIR RUN_DIR "HEADER"}: RUN_DIR holds {@code scenarios.csv}, {@code runs.csv} and
 * optionally {@code jmh.json}; HEADER (date, machine, settings) opens the markdown.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path run = Path.of(args[1]);
        String header = args[2];
        List<Scenario> scenarios = Scenario.read(run.resolve("scenarios.csv"));
        Measurements measurements = Measurements.read(run.resolve("runs.csv"));
        List<JmhResults.Row> jmh = JmhResults.read(run.resolve("jmh.json"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("latest.md"), new MarkdownReport(measurements).render(header, scenarios, jmh));
        RatioChart.write(results.resolve("latest.png"), "Strata vs baselines (same run)", scenarios, measurements);
        CapacityFile.write(results.resolve("capacity.json"), header.lines().findFirst().orElse(""), measurements);
        for (Scenario s : scenarios) {
            System.out.printf("%-22s %s%n", s.id(), MarkdownReport.verdict(s, measurements));
        }
    }
}
