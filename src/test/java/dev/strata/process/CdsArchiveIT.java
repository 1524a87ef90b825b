package dev.strata.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import dev.strata.testing.servers.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code deploy/cds-archive.sh}, which the Docker image runs at build time, writes an archive the jar starts with. */
class CdsArchiveIT {

    @Test
    void theTrainingRunWritesAnArchive_thatTheServiceMapsAtStartUp() throws Exception {
        Path archive = TestServer.temporaryDataDir().resolve("strata.jsa");
        ProcessBuilder training = new ProcessBuilder("bash", "deploy/cds-archive.sh", StrataProcess.jar().toString(),
                archive.toString()).redirectErrorStream(true);
        training.environment().put("CDS_TRAINING_PORT", String.valueOf(FreePorts.next()));
        Process process = training.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("training run finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.size(archive)).isPositive();

        // -Xshare:on makes the JVM refuse to start unless it can map the archive
        try (StrataProcess strata = StrataProcess.hundreds(TestServer.temporaryDataDir(),
                List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive), Map.of())) {
            assertThat(strata.client().get("/health/ready", null).status()).isEqualTo(200);
        }
    }
}
