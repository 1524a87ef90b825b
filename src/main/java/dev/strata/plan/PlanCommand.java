package dev.strata.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata plan}: a capacity plan from load figures and the benchmark's per-instance figures. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Recommend a tier and its sizes for a number of users, showing the arithmetic.")
public final class PlanCommand implements Callable<Integer> {
    private static final Path MEASURED = Path.of("bench/results/capacity.json");

    @Spec
    CommandSpec spec;

    @Option(names = "--users", required = true, description = "Users of the deployment")
    long users;

    @Option(names = "--requests-per-user-per-day", defaultValue = "200", description = "API requests per user per day (default: ${DEFAULT-VALUE})")
    double requestsPerUserPerDay;

    @Option(names = "--peak-factor", defaultValue = "5", description = "Peak rate over the daily average (default: ${DEFAULT-VALUE})")
    double peakFactor;

    @Option(names = "--record-bytes", defaultValue = "1024", description = "Average record size in bytes (default: ${DEFAULT-VALUE})")
    long recordBytes;

    @Option(names = "--records-per-user", defaultValue = "100", description = "Records per user (default: ${DEFAULT-VALUE})")
    long recordsPerUser;

    @Option(names = "--blob-bytes-per-user", defaultValue = "10485760", description = "Blob bytes per user (default: ${DEFAULT-VALUE})")
    long blobBytesPerUser;

    @Option(names = "--read-ratio", defaultValue = "0.9", description = "Share of requests that read (default: ${DEFAULT-VALUE})")
    double readRatio;

    @Option(names = "--hot-fraction", defaultValue = "0.2", description = "Share of records read often (default: ${DEFAULT-VALUE})")
    double hotFraction;

    @Option(names = "--cache-fraction", defaultValue = "0.25", description = "Share of the hot data to cache (default: ${DEFAULT-VALUE})")
    double cacheFraction;

    @Option(names = "--capacity", description = "Per-instance figures (default: bench/results/capacity.json when present, else the shipped defaults)")
    Path capacity;

    @Option(names = "--emit-config", description = "Write the plan's tier file here")
    Path emitConfig;

    @Override
    public Integer call() {
        PlanInputs inputs = new PlanInputs(users, requestsPerUserPerDay, peakFactor, recordBytes, recordsPerUser,
                blobBytesPerUser, readRatio, hotFraction, cacheFraction);
        CapacityFigures figures = capacity != null ? CapacityFigures.defaultsOverriddenBy(capacity)
                : Files.exists(MEASURED) ? CapacityFigures.defaultsOverriddenBy(MEASURED) : CapacityFigures.defaults();
        CapacityPlan plan = Planner.plan(inputs, figures);
        PlanPrinter.print(plan, figures, spec.commandLine().getOut());
        if (emitConfig != null) {
            try {
                Files.writeString(emitConfig, TierFileEmitter.tierFile(plan));
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException("--emit-config " + emitConfig + ": " + e.getMessage(), e));
            }
            spec.commandLine().getOut().println("Wrote " + emitConfig);
        }
        return 0;
    }
}
