package dev.strata.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes written the way people write it in a config file: {@code 64KiB}, {@code 2GiB}, {@code 512}. */
public record DataSize(long bytes) {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([KMGT]i?B|B)?", Pattern.CASE_INSENSITIVE);

    public DataSize {
        if (bytes < 0) {
            throw new ConfigException("size must not be negative, got " + bytes);
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofMebibytes(long mebibytes) {
        return new DataSize(mebibytes << 20);
    }

    @JsonCreator
    public static DataSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new ConfigException("'" + text + "' is not a size; use a number with an optional unit B, KiB, MiB, GiB or TiB");
        }
        long number = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT).replace("I", "");
        int shift = switch (unit) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        return new DataSize(number << shift);
    }

    @JsonValue
    @Override
    public String toString() {
        return bytes + "B";
    }
}
