package dev.strata.config;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME:default}} and {@code ${NAME}} in tier-file text with values from the environment,
 * so one file serves a laptop, CI and Kubernetes. {@code ${NAME}} without a default must be set.
 */
final class EnvInterpolator {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private final UnaryOperator<String> environment;

    EnvInterpolator(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    String interpolate(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                throw new ConfigException("${" + name + "}: environment variable is not set and has no default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
