package dev.strata.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.StrataProcess;
import dev.strata.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jar's own logging set-up (no logback XML in it): text by default, JSON lines and access level from the env. */
class ConsoleLoggingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void byDefault_linesAreText_withTheRequestIdOfEachAccessLine() throws Exception {
        try (StrataProcess strata = StrataProcess.hundreds(TestServer.temporaryDataDir(), List.of(), Map.of())) {
            String requestId = strata.client().get("/health/live", null).header("X-Request-Id");
            stop(strata);
            assertThat(strata.logText().lines())
                    .anyMatch(line -> line.contains(" INFO ") && line.contains("strata.access " + requestId + " - GET /health/live 200"))
                    .anyMatch(line -> line.contains("StrataApplication") && line.contains("serving on port"))
                    .noneMatch(line -> line.contains("org.flywaydb") || line.contains("com.zaxxer.hikari"));
        }
    }

    @Test
    void logFormatJson_writesOneJsonObjectPerLine_andTheAccessLevelCanSilenceRequests() throws Exception {
        try (StrataProcess strata = StrataProcess.hundreds(TestServer.temporaryDataDir(), List.of(),
                Map.of("STRATA_LOG_FORMAT", "json", "STRATA_ACCESS_LOG_LEVEL", "warn"))) {
            strata.client().get("/health/live", null);
            stop(strata);
            List<JsonNode> lines = strata.logText().lines().map(ConsoleLoggingIT::parse).toList();
            assertThat(lines).isNotEmpty()
                    .anyMatch(line -> line.path("loggerName").asText().endsWith("StrataApplication")
                            && line.path("formattedMessage").asText().contains("serving on port"))
                    .noneMatch(line -> line.path("loggerName").asText().equals("strata.access"));
        }
    }

    /** A graceful stop, so every line is written before the log is read. */
    private static void stop(StrataProcess strata) throws InterruptedException {
        strata.terminate();
        strata.awaitExit(Duration.ofSeconds(20));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }
}
