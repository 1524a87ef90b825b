package dev.strata.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Reads a tier file: YAML, then {@code ${NAME:default}} from the environment, then typed and checked records. */
public final class TierConfigLoader {
    private final ObjectMapper yaml;
    private final EnvInterpolator interpolator;

    public TierConfigLoader(UnaryOperator<String> environment) {
        this.interpolator = new EnvInterpolator(environment);
        this.yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new SimpleModule()
                        .addDeserializer(Duration.class, new DurationDeserializer())
                        .addDeserializer(ServerConfig.Role.class, new RoleDeserializer()));
    }

    public static TierConfigLoader fromSystemEnvironment() {
        return new TierConfigLoader(System::getenv);
    }

    public static TierConfigLoader fromMap(Map<String, String> environment) {
        return new TierConfigLoader(environment::get);
    }

    public TierConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    public TierConfig parse(String text, String source) {
        try {
            JsonNode tree = yaml.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new ConfigException(source + ": is empty or not a YAML mapping");
            }
            return yaml.treeToValue(interpolate(tree), TierConfig.class);
        } catch (ConfigException e) {
            throw e;
        } catch (InvalidTypeIdException e) {
            throw new ConfigException(path(e, "type") + ": " + describeTypeProblem(e));
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path(e, null) + ": unknown key; known keys here: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof ConfigException ? cause.getMessage() : e.getOriginalMessage();
            throw new ConfigException(qualify(e, reason));
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof ConfigException ? cause.getMessage() : firstLine(e.getOriginalMessage());
            throw new ConfigException(path(e, null) + ": " + reason);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
    }

    private JsonNode interpolate(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(interpolator.interpolate(node.textValue()));
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(interpolate(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, interpolate(array.get(i)));
            }
        }
        return node;
    }

    private static String describeTypeProblem(InvalidTypeIdException e) {
        JsonSubTypes subTypes = e.getBaseType().getRawClass().getAnnotation(JsonSubTypes.class);
        String allowed = subTypes == null ? "" : Arrays.stream(subTypes.value())
                .map(JsonSubTypes.Type::name).collect(Collectors.joining(", "));
        return e.getTypeId() == null
                ? "is required; allowed: " + allowed
                : "unknown value '" + e.getTypeId() + "'; allowed: " + allowed;
    }

    /** A compact constructor names its key from the tier root already, or relative to its own record. */
    private static String qualify(JsonMappingException e, String reason) {
        if (reason.contains(": ") && !reason.startsWith("'")) {
            return reason;
        }
        return path(e, null) + ": " + reason;
    }

    private static String path(JsonMappingException e, String leaf) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (leaf != null) {
            path = path.isEmpty() ? leaf : path + "." + leaf;
        }
        return path.isEmpty() ? "(root)" : path;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return HumanDuration.parse(p.getValueAsString());
        }
    }

    private static final class RoleDeserializer extends StdScalarDeserializer<ServerConfig.Role> {
        RoleDeserializer() {
            super(ServerConfig.Role.class);
        }

        @Override
        public ServerConfig.Role deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return ServerConfig.Role.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("'" + text + "' is not a role; allowed: all, api, worker");
            }
        }
    }
}
