package dev.strata;

import dev.strata.bootstrap.ConsoleLogging;
import dev.strata.bootstrap.Versions;
import dev.strata.cli.MigrateCommand;
import dev.strata.cli.ReshardCommand;
import dev.strata.cli.ServeCommand;
import dev.strata.cli.TokenCommand;
import dev.strata.config.ConfigException;
import dev.strata.plan.PlanCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code strata serve|token|migrate|reshard|plan ...}. */
@Command(name = "strata", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A user-data service that grows from hundreds to millions of users by configuration alone.",
        subcommands = {ServeCommand.class, TokenCommand.class, MigrateCommand.class, ReshardCommand.class, PlanCommand.class})
public final class Main implements Runnable {
    /** Exit status for a configuration or usage problem, as picocli uses for usage errors. */
    static final int CONFIG_ERROR = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = commandLine().execute(args);
        ConsoleLogging.flush();
        System.exit(status);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println("strata: configuration error: " + e.getMessage());
                        return CONFIG_ERROR;
                    }
                    throw e;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"strata " + Versions.application()};
        }
    }
}
