package dev.strata.cli;

import dev.strata.config.ConfigException;
import dev.strata.config.StoreConfig;
import dev.strata.config.TierConfigLoader;
import dev.strata.reshard.ReshardRequest;
import dev.strata.reshard.Resharder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata reshard}: moves buckets between shards while the service runs. */
@Command(name = "reshard", mixinStandardHelpOptions = true,
        description = "Change the shard set of a millions tier online, moving only the buckets whose owner changes.")
public final class ReshardCommand implements Callable<Integer> {
    /**
     * How long a bucket stays frozen if reshard dies mid-freeze (a rerun lifts it at once); a bucket's final verify
     * must fit in it, which at 4096 buckets takes milliseconds per million users.
     */
    private static final Duration FREEZE_LEASE = Duration.ofSeconds(2);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, description = "Tier file listing the shards now (store.urls)")
    Path from;

    @Option(names = "--to", required = true, description = "Tier file listing the shards wanted")
    Path to;

    @Option(names = "--dry-run", description = "Print the bucket moves and the share of users they carry; change nothing")
    boolean dryRun;

    @Option(names = "--rollback", description = "Undo the reshard from --from to --to that is in progress (before its old"
            + " copies are deleted), moving published buckets back")
    boolean rollback;

    @Override
    public Integer call() {
        TierConfigLoader loader = TierConfigLoader.fromSystemEnvironment();
        StoreConfig.Sharded source = sharded(loader, from, "--from");
        StoreConfig.Sharded target = sharded(loader, to, "--to");
        if (!source.buckets().equals(target.buckets())) {
            throw new ConfigException("store.buckets: fixed for a deployment, but --from has " + source.buckets()
                    + " and --to has " + target.buckets());
        }
        ReshardRequest request = new ReshardRequest(source.urlList(), target.urlList(), source.user(), source.password(),
                source.buckets(), source.connectTimeout(), source.statementTimeout());
        try (Resharder resharder = new Resharder(request, FREEZE_LEASE, Clock.systemUTC(), spec.commandLine().getErr())) {
            if (dryRun) {
                resharder.preview().print(spec.commandLine().getOut());
            } else if (rollback) {
                resharder.rollback();
            } else {
                resharder.run();
            }
        }
        return 0;
    }

    private static StoreConfig.Sharded sharded(TierConfigLoader loader, Path file, String option) {
        if (loader.load(file).store() instanceof StoreConfig.Sharded sharded) {
            return sharded;
        }
        throw new ConfigException(option + ": " + file + " is not a sharded tier (store.type: sharded)");
    }
}
