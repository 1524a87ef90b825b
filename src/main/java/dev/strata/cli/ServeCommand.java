package dev.strata.cli;

import dev.strata.bootstrap.ConsoleLogging;
import dev.strata.bootstrap.StrataApplication;
import dev.strata.config.TierConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata serve}: runs the service until SIGTERM, then drains and exits. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API of a tier.")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--config", required = true, description = "Tier file, e.g. config/tier-hundreds.yaml")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        StrataApplication app = StrataApplication.start(TierConfigLoader.fromSystemEnvironment().load(config));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            ConsoleLogging.flush();
            stopped.countDown();
        }, "strata-shutdown"));
        stopped.await();
        return 0;
    }
}
