package dev.strata.testing;

import dev.strata.auth.HmacTokens;
import dev.strata.bootstrap.StrataApplication;
import dev.strata.config.TierConfig;
import dev.strata.config.TierConfigLoader;
import dev.strata.domain.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Strata server in this JVM on a free port, built from a real tier file with a temporary data dir, so
 * tests speak HTTP to exactly what {@code serve} runs.
 */
public final class TestServer implements AutoCloseable {
    public static final String SECRET = "test-secret-that-is-at-least-32-bytes-long!";

    private final TierConfig config;
    private final StrataApplication app;
    private final ApiClient client;

    private TestServer(TierConfig config) {
        this.config = config;
        this.app = StrataApplication.start(config);
        this.client = new ApiClient("http://127.0.0.1:" + app.port());
    }

    /** The hundreds tier on a fresh data dir; {@code env} adds or overrides environment variables. */
    public static TestServer hundreds(Map<String, String> env) {
        return start(Path.of("config/tier-hundreds.yaml"), env, null);
    }

    public static TestServer hundreds() {
        return hundreds(Map.of());
    }

    /** The thousands tier file; {@code env} must point it at PostgreSQL, S3 and Redis. */
    public static TestServer thousands(Map<String, String> env) {
        return start(Path.of("config/tier-thousands.yaml"), env, null);
    }

    /** A tier file with extra YAML text appended to the hundreds tier (later keys win is not YAML; use env instead). */
    public static TestServer fromYaml(String yaml, Map<String, String> env) {
        return start(null, env, yaml);
    }

    private static TestServer start(Path tierFile, Map<String, String> env, String yaml) {
        Map<String, String> environment = new HashMap<>();
        environment.put("STRATA_PORT", "0");
        environment.put("STRATA_DATA_DIR", temporaryDataDir().toString());
        environment.put("STRATA_JWT_SECRET", SECRET);
        environment.putAll(env);
        TierConfigLoader loader = TierConfigLoader.fromMap(environment);
        TierConfig config = yaml == null ? loader.load(tierFile) : loader.parse(yaml, "test tier");
        return new TestServer(config);
    }

    public static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("strata-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiClient client() {
        return client;
    }

    public String token(String user) {
        return hmacTokens().issue(new UserId(user), false, Duration.ofHours(1));
    }

    public String adminToken() {
        return hmacTokens().issue(new UserId("ops-admin"), true, Duration.ofHours(1));
    }

    /** The tier's HS256 tokens (a tier that takes OIDC tokens has none: the test signs its own). */
    private HmacTokens hmacTokens() {
        return StrataApplication.tokens(config, Clock.systemUTC());
    }

    public StrataApplication app() {
        return app;
    }

    public TierConfig config() {
        return config;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    @Override
    public void close() {
        app.close();
    }
}
