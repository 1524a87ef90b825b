package dev.strata.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BufferedStdoutAppenderTest {
    private final PrintStream realStdout = System.out;
    private final CapturedStdout captured = new CapturedStdout();
    private final LoggerContext context = new LoggerContext();
    private BufferedStdoutAppender appender;

    @BeforeEach
    void start() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern("%level %msg%n");
        encoder.setContext(context);
        encoder.start();
        appender = new BufferedStdoutAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
    }

    @AfterEach
    void restoreStdout() {
        appender.stop();
        System.setOut(realStdout);
    }

    @Test
    void aWarning_isWrittenAtOnce_withTheLinesBufferedBeforeIt() {
        log(Level.INFO, "request served");
        log(Level.WARN, "shard slow");

        assertThat(captured.text()).isEqualTo("INFO request served\nWARN shard slow\n");
    }

    @Test
    void infoLines_reachStdoutWithinTheFlushInterval() {
        log(Level.INFO, "request served");

        await().atMost(Duration.ofSeconds(2)).until(() -> captured.text().equals("INFO request served\n"));
    }

    @Test
    void stopping_writesWhatIsBuffered_andLeavesStdoutOpen() {
        log(Level.INFO, "last words");

        appender.stop();

        assertThat(captured.text()).isEqualTo("INFO last words\n");
        assertThat(captured.closed).isFalse();
        assertThatCode(appender::flush).as("a flush after the stop, as the exit's").doesNotThrowAnyException();
    }

    private void log(Level level, String message) {
        appender.doAppend(new LoggingEvent(getClass().getName(), context.getLogger("test"), level, message, null, null));
    }

    private static final class CapturedStdout extends ByteArrayOutputStream {
        private volatile boolean closed;

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
