package dev.strata.cli;

import dev.strata.bootstrap.StrataApplication;
import dev.strata.config.ConfigException;
import dev.strata.config.HumanDuration;
import dev.strata.config.TierConfig;
import dev.strata.config.TierConfigLoader;
import dev.strata.domain.InvalidInputException;
import dev.strata.domain.UserId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata token}: prints a JWT signed with the tier's secret. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Print a bearer token (JWT) for a user.")
public final class TokenCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "Tier file whose secret signs the token")
    Path config;

    @Option(names = "--user", required = true, description = "The user id (the token's sub)")
    String user;

    @Option(names = "--admin", description = "Grant the admin scope")
    boolean admin;

    @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime, e.g. 15m, 1h, 7d (default: ${DEFAULT-VALUE})")
    String ttl;

    @Override
    public Integer call() {
        TierConfig tier = TierConfigLoader.fromSystemEnvironment().load(config);
        Duration lifetime = ttl();
        if (lifetime.compareTo(tier.auth().maxTokenTtl()) > 0) {
            throw new ConfigException("--ttl: at most auth.maxTokenTtl (" + tier.auth().maxTokenTtl() + ")");
        }
        UserId userId;
        try {
            userId = new UserId(user);
        } catch (InvalidInputException e) {
            throw new ConfigException("--user: " + e.getMessage());
        }
        spec.commandLine().getOut().println(StrataApplication.tokens(tier, Clock.systemUTC()).issue(userId, admin, lifetime));
        return 0;
    }

    private Duration ttl() {
        Duration lifetime;
        try {
            lifetime = HumanDuration.parse(ttl);
        } catch (ConfigException e) {
            throw new ConfigException("--ttl: " + e.getMessage());
        }
        if (lifetime.isZero()) {
            throw new ConfigException("--ttl: must be positive");
        }
        return lifetime;
    }
}
