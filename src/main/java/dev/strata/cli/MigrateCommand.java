package dev.strata.cli;

import dev.strata.bootstrap.TierStores;
import dev.strata.config.TierConfig;
import dev.strata.config.TierConfigLoader;
import dev.strata.migrate.Migration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata migrate}: copies one tier's data into another tier's stores, resumably, and verifies it. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy every user's data from one tier's stores to another's (hundreds -> thousands, thousands -> millions), then verify it.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:copied (or already copied) and verified identical",
                "1:verification found mismatches (listed on stderr)",
                "2:configuration or usage error",
                "3:the copy stopped (a store failed or is in use); rerun to resume"})
public final class MigrateCommand implements Callable<Integer> {
    static final int MISMATCH = 1;
    static final int STOPPED = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, description = "Tier file of the source, whose service is stopped or takes no writes")
    Path from;

    @Option(names = "--to", required = true, description = "Tier file of the target")
    Path to;

    @Option(names = "--dry-run", description = "Print what would be copied; open only the source and change nothing")
    boolean dryRun;

    @Option(names = "--checkpoint", description = "Checkpoint file (default: <to>.migrate-checkpoint.json next to the target tier file)")
    Path checkpoint;

    @Override
    public Integer call() {
        TierConfigLoader loader = TierConfigLoader.fromSystemEnvironment();
        TierConfig source = loader.load(from);
        TierConfig target = loader.load(to);
        Path checkpointFile = checkpoint != null ? checkpoint : to.resolveSibling(to.getFileName() + ".migrate-checkpoint.json");
        Migration.Output output = new Migration.Output(spec.commandLine().getOut(), spec.commandLine().getErr(),
                System.console() != null, Clock.systemUTC());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TierStores sourceStores = TierStores.openSource(source, registry)) {
            Migration migration = new Migration(sourceStores, checkpointFile, output);
            if (dryRun) {
                migration.dryRun();
                return 0;
            }
            try (TierStores targetStores = TierStores.open(target, registry)) {
                return migration.run(targetStores) ? 0 : MISMATCH;
            }
        } catch (RuntimeException e) {
            output.err().println("strata migrate: stopped: " + rootMessage(e));
            output.err().println("strata migrate: nothing in the source was changed; rerun to resume from the checkpoint");
            return STOPPED;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
