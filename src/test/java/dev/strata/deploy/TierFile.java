package dev.strata.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strata.config.TierConfig;
import dev.strata.config.TierConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An overlay's copy of a tier file: the variables it reads, and the config it yields in a given environment. */
record TierFile(Path path, String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}");

    static TierFile of(Path path) {
        try {
            return new TierFile(path, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Placeholders in YAML values only: the app interpolates parsed values, so comments do not count. */
    Set<String> referencedVariables() {
        Set<String> names = new TreeSet<>();
        try {
            collect(new ObjectMapper(new YAMLFactory()).readTree(text), names);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": not valid YAML", e);
        }
        return names;
    }

    /** Loads the file with the application's own loader, as the container would at start. */
    TierConfig load(Map<String, String> environment) {
        return TierConfigLoader.fromMap(environment).parse(text, path.toString());
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.textValue());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        node.elements().forEachRemaining(child -> collect(child, names));
    }
}
