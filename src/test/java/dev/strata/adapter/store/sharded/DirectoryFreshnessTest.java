package dev.strata.adapter.store.sharded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.strata.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DirectoryFreshnessTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DirectoryFreshness freshness = new DirectoryFreshness(clock, registry);
    private final Logger logger = (Logger) LoggerFactory.getLogger(DirectoryFreshness.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logged);
    }

    @Test
    void failedReads_makeTheDirectoryStale_andAreLoggedOncePerOutage() {
        freshness.read(1);
        for (int poll = 0; poll < 5; poll++) {
            clock.advance(Duration.ofSeconds(1));
            freshness.failed(1, new IllegalStateException("socket timeout"));
        }

        assertThat(freshness.isStale()).isTrue();
        assertThat(registry.get("strata.directory.read.failures").counter().count()).isEqualTo(5);
        assertThat(levels()).containsExactly(Level.WARN);

        freshness.read(2);
        freshness.failed(2, new IllegalStateException("socket timeout"));

        assertThat(levels()).as("the end of the outage, then the next one").containsExactly(Level.WARN, Level.INFO, Level.WARN);
    }

    @Test
    void theReadAge_growsWhileReadsFail_andRestartsAtTheNextRead() {
        freshness.read(1);
        clock.advance(Duration.ofSeconds(30));
        freshness.failed(1, new IllegalStateException("socket timeout"));

        assertThat(registry.get("strata.directory.read.age").gauge().value()).isEqualTo(30);

        freshness.read(1);

        assertThat(registry.get("strata.directory.read.age").gauge().value()).isZero();
        assertThat(freshness.isStale()).isFalse();
    }

    private List<Level> levels() {
        return logged.list.stream().map(ILoggingEvent::getLevel).toList();
    }
}
