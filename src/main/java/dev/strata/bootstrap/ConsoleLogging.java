package dev.strata.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Logging to stdout (buffered: {@link BufferedStdoutAppender}), set up in code rather than by logback's XML reader,
 * which alone loads some 450 classes and takes a noticeable share of start-up. {@code STRATA_LOG_FORMAT=json} writes
 * one JSON object per line (the container image sets it); {@code STRATA_ACCESS_LOG_LEVEL} sets the per-request log's
 * level. An explicit logback configuration — the {@code logback.configurationFile} property, or a
 * {@code logback-test.xml} on the class path — takes precedence, as it would in logback itself. Found by logback
 * through {@code META-INF/services}.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} %X{requestId:-} - %msg%n";
    private static final List<String> CHATTY_LIBRARIES = List.of("org.eclipse.jetty", "io.javalin", "org.flywaydb",
            "com.zaxxer.hikari", "org.apache.kafka", "io.lettuce", "io.netty", "okhttp3");

    private static volatile BufferedStdoutAppender started;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        BufferedStdoutAppender stdout = new BufferedStdoutAppender();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder(context, "json".equals(setting("STRATA_LOG_FORMAT", "text"))));
        stdout.start();
        started = stdout;

        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(stdout);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        CHATTY_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        context.getLogger("strata.access").setLevel(Level.toLevel(setting("STRATA_ACCESS_LOG_LEVEL", "INFO"), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Writes out the log lines still buffered, which the JVM's exit would drop; nothing if logging never started. */
    public static void flush() {
        BufferedStdoutAppender appender = started;
        if (appender != null) {
            appender.flush();
        }
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setWithFormattedMessage(true);
            encoder.setWithContext(false);
            encoder.setContext(context);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(PATTERN);
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim().toLowerCase(Locale.ROOT);
    }
}
