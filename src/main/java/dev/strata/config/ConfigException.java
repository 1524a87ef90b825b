package dev.strata.config;

/** A tier file that cannot be used: the message names the key and the reason. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    static void require(boolean condition, String key, String reason) {
        if (!condition) {
            throw new ConfigException(key + ": " + reason);
        }
    }
}
