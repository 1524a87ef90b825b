package dev.strata.bench.tools;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target on one metric: relative to the baseline ({@code rps>=0.60x}: subject/baseline at least 0.60) or
 * absolute ({@code start_ms<2000}).
 */
record Target(String metric, String operator, double limit, boolean relative) {
    private static final Pattern FORMAT = Pattern.compile("([a-z0-9_]+)(>=|<=|<|>)([0-9.]+)(x?)");

    static Target parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a target: '" + text + "' (e.g. rps>=0.60x or start_ms<2000)");
        }
        return new Target(m.group(1), m.group(2), Double.parseDouble(m.group(3)), !m.group(4).isEmpty());
    }

    /** Whether the target is met, or empty when a figure it needs is missing. */
    OptionalDouble measured(Measurements m, String scenario) {
        OptionalDouble subject = m.median(scenario, "subject", metric);
        if (!relative || subject.isEmpty()) {
            return subject;
        }
        OptionalDouble baseline = m.median(scenario, "baseline", metric);
        return baseline.isEmpty() || baseline.getAsDouble() == 0
                ? OptionalDouble.empty() : OptionalDouble.of(subject.getAsDouble() / baseline.getAsDouble());
    }

    boolean isMetBy(double value) {
        return switch (operator) {
            case ">=" -> value >= limit;
            case "<=" -> value <= limit;
            case ">" -> value > limit;
            default -> value < limit;
        };
    }

    @Override
    public String toString() {
        String name = metric.replace("_us", "").replace("_ms", " ms").replace("_mb", " MB");
        return relative ? String.format("%s %s %.2fx", name, operator, limit) : String.format("%s %s %.0f", name, operator, limit);
    }
}
