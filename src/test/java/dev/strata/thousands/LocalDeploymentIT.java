package dev.strata.thousands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.bootstrap.StrataApplication;
import dev.strata.config.TierConfigLoader;
import dev.strata.domain.UserId;
import dev.strata.testing.ApiClient;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.FreePorts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/local/start.sh 3} as the README runs it (HAProxy in front of three replicas of the jar), on this
 * test's PostgreSQL, S3Proxy and Redis and on free ports; one replica is killed with SIGKILL under a light load of
 * GETs through HAProxy, and none of them fails.
 */
class LocalDeploymentIT {
    private static final int REPLICAS = 3;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(150);
    private static final int GETS = 300;
    private static final int KILL_AFTER_GETS = 50;
    private static final Path RUN = Path.of("deploy/local/run");

    @Test
    void killingOneReplica_failsNoGetThroughHaproxy() throws Exception {
        Map<String, String> env = new HashMap<>(ThousandsBackends.shared("thousands_local"));
        int lbPort = FreePorts.next();
        env.put("STRATA_LB_PORT", Integer.toString(lbPort));
        env.put("STRATA_FIRST_REPLICA_PORT", Integer.toString(FreePorts.consecutive(REPLICAS)));
        env.put("STRATA_JWT_SECRET", TestServer.SECRET);
        String token = StrataApplication.tokens(TierConfigLoader.fromMap(env).load(Path.of("config/tier-thousands.yaml")),
                        Clock.systemUTC())
                .issue(new UserId("lena"), false, Duration.ofHours(1));
        try {
            run(List.of("deploy/local/start.sh", Integer.toString(REPLICAS)), env);
            ApiClient haproxy = new ApiClient("http://127.0.0.1:" + lbPort).unchecked();
            assertThat(haproxy.put("/v1/users/lena/records/k", token, "{\"v\":1}").status()).isIn(200, 201);

            for (int i = 1; i <= GETS; i++) {
                if (i == KILL_AFTER_GETS) {
                    long pid = Long.parseLong(Files.readString(RUN.resolve("replica-2.pid")).trim());
                    assertThat(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly)).contains(true);
                }
                var response = haproxy.get("/v1/users/lena/records/k", token);
                assertThat(response.status()).as("GET %d of %d", i, GETS).isEqualTo(200);
                assertThat(response.json().get("value").get("v").asInt()).isEqualTo(1);
                Thread.sleep(10);
            }
        } finally {
            run(List.of("deploy/local/stop.sh"), Map.of());
        }
    }

    /** Runs a script of deploy/local to completion, its output in target/, failing when it fails. */
    private static void run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        File log = Path.of("target", "deploy-local.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process script = builder.start();
        if (!script.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            script.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + SCRIPT_TIMEOUT + "; see " + log);
        }
        assertThat(script.exitValue()).as("%s exit status; see %s", command, log).isZero();
    }
}
