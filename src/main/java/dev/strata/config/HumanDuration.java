package dev.strata.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in config files: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h}, {@code 7d}. */
public final class HumanDuration {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private HumanDuration() {
    }

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new ConfigException("'" + text + "' is not a duration; use a number with ms, s, m, h or d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
