package dev.strata.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityFiguresTest {
    @TempDir
    Path dir;

    @Test
    void shippedDefaults_load_andClaimNoMeasurement() {
        CapacityFigures defaults = CapacityFigures.defaults();

        assertThat(defaults.measured()).isEmpty();
        assertThat(defaults.apiRequestsPerSecond()).isPositive();
        assertThat(defaults.targetUtilization()).isBetween(0.0, 1.0);
    }

    @Test
    void measuredFile_overridesOnlyTheFiguresItStates() throws Exception {
        Path file = dir.resolve("capacity.json");
        Files.writeString(file, """
                {"measuredOn": "run of today", "measured": ["cachedReadsPerSecond"], "cachedReadsPerSecond": 4321}
                """);

        CapacityFigures figures = CapacityFigures.defaultsOverriddenBy(file);

        assertThat(figures.cachedReadsPerSecond()).isEqualTo(4321);
        assertThat(figures.isMeasured("cachedReadsPerSecond")).isTrue();
        assertThat(figures.apiRequestsPerSecond()).isEqualTo(CapacityFigures.defaults().apiRequestsPerSecond());
        assertThat(figures.measuredOn()).isEqualTo("run of today");
    }
}
