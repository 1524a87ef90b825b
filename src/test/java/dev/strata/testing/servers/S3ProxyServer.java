package dev.strata.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible server: S3Proxy over a directory, run as a child JVM from the jar the build
 * copies to target/test-servers (its Jetty never meets the application's); or, when
 * {@code STRATA_TEST_S3_ENDPOINT}, {@code STRATA_TEST_S3_ACCESS_KEY} and
 * {@code STRATA_TEST_S3_SECRET_KEY} are set, that server (then the process controls throw).
 */
public final class S3ProxyServer extends ChildServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String REGION = "us-east-1";

    private final String endpoint;
    private final String accessKey;
    private final String secretKey;

    private S3ProxyServer(String endpoint, String accessKey, String secretKey, Path workDir) {
        super("the S3 at " + endpoint, workDir, Duration.ofSeconds(10));
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** One server for the whole test JVM, started on first use and stopped at JVM exit. */
    public static S3ProxyServer shared() {
        return Shared.INSTANCE;
    }

    /** A new server of the caller's own, e.g. for a chaos test; close it when done. */
    public static S3ProxyServer start() {
        S3ProxyServer server = new S3ProxyServer("http://127.0.0.1:" + FreePorts.next(),
                "strata-test-access", "strata-test-secret-0123456789", ServerFiles.newWorkDir("s3proxy"));
        server.writeProperties();
        server.startProcess();
        return server;
    }

    /** e.g. {@code http://127.0.0.1:41234}; buckets are addressed by path. */
    public String endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The region to sign with; S3Proxy accepts any, this one is the S3 clients' default. */
    public String region() {
        return REGION;
    }

    private void writeProperties() {
        String properties = String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + workDir().resolve("blobs"),
                "");
        try {
            Files.createDirectories(workDir().resolve("blobs"));
            Files.writeString(workDir().resolve("s3proxy.properties"), properties, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the S3Proxy configuration in " + workDir(), e);
        }
    }

    @Override
    ChildProcess launch() {
        List<String> command = JavaCommand.of("256m", List.of(
                "-jar", ServerFiles.artifact("s3proxy.jar").toString(),
                "--properties", workDir().resolve("s3proxy.properties").toString()));
        ChildProcess process = ChildProcess.start("s3proxy", command, Map.of(), workDir().resolve("s3proxy.log"));
        Readiness.await("S3Proxy at " + endpoint, process, START_TIMEOUT, this::answersHttp);
        return process;
    }

    private boolean answersHttp() {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(endpoint + "/").openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

        private static final class Shared {
        static final S3ProxyServer INSTANCE = create();

        private static S3ProxyServer create() {
            String endpoint = System.getenv("STRATA_TEST_S3_ENDPOINT");
            if (endpoint != null && !endpoint.isBlank()) {
                return new S3ProxyServer(endpoint.trim(),
                        requiredEnv("STRATA_TEST_S3_ACCESS_KEY"), requiredEnv("STRATA_TEST_S3_SECRET_KEY"), null);
            }
            S3ProxyServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-shutdown"));
            return server;
        }

        private static String requiredEnv(String name) {
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(name + " must be set along with STRATA_TEST_S3_ENDPOINT");
            }
            return value;
        }
    }
}
