package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResilienceSettingsTest {
    private static final String TIER = """
            tier: t
            server: {idleTimeout: 10s}
            auth: {secret: "%s"}
            store: {type: h2, statementTimeout: %s}
            blobs: {type: filesystem}
            %s
            """;

    private static TierConfig parse(String statementTimeout, String extra) {
        return TierConfigLoader.fromMap(Map.of()).parse(TIER.formatted("x".repeat(32), statementTimeout, extra), "test");
    }

    @Test
    void defaults_areDocumentedValues() {
        TierConfig config = parse("5s", "");
        assertThat(config.resilience()).isEqualTo(new ResilienceConfig(50, Duration.ofSeconds(2), 3,
                Duration.ofMillis(20), Duration.ofMillis(200), 0.1));
        assertThat(config.server().maxConcurrentBlobRequests()).isEqualTo(128);
    }

    @Test
    void statementTimeout_notShorterThanIdleTimeout_isRefusedByName() {
        assertThatThrownBy(() -> parse("10s", "")).hasMessageContaining("store.statementTimeout");
    }

    @Test
    void retryBudget_outOfRange_isRefusedByName() {
        assertThatThrownBy(() -> parse("5s", "resilience: {retryBudget: 2}")).hasMessageContaining("resilience.retryBudget");
    }
}
