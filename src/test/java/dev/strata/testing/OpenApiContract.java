package dev.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The served OpenAPI document as a test oracle: every exchange must hit a documented route, status and schema. */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract INSTANCE = load();

    private final JsonNode document;
    private final JsonNode schemas;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private OpenApiContract(JsonNode document) {
        this.document = document;
        this.schemas = document.path("components").path("schemas");
    }

    public static OpenApiContract get() {
        return INSTANCE;
    }

    private static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.yaml")) {
            JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(in);
            String rewritten = JSON.writeValueAsString(yaml).replace("#/components/schemas/", "#/$defs/");
            return new OpenApiContract(JSON.readTree(rewritten));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean documents(String method, String pathTemplate) {
        return document.path("paths").path(pathTemplate).has(method.toLowerCase(Locale.ROOT));
    }

    /** Fails the test when the exchange is not what the document promises. */
    public void check(String method, String path, HttpResponse<?> response, String body) {
        String template = template(path).orElseGet(() -> fail("path %s is not in openapi.yaml", path));
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s %s documented", method, template).isFalse();
        String status = String.valueOf(response.statusCode());
        JsonNode documented = resolve(operation.path("responses").path(status));
        assertThat(documented.isMissingNode())
                .as("%s %s: status %s is documented (body: %s)", method, template, status, body).isFalse();
        String mediaType = response.headers().firstValue("Content-Type").map(v -> v.split(";")[0].strip()).orElse("");
        JsonNode schema = documented.path("content").path(mediaType).path("schema");
        if (!schema.isMissingNode() && mediaType.contains("json") && body != null && !body.isEmpty()) {
            validate(method + " " + template + " " + status, schema, body);
        }
    }

    private void validate(String what, JsonNode schema, String body) {
        ObjectNode standalone = schema.deepCopy();
        standalone.set("$defs", schemas);
        JsonSchema validator = factory.getSchema(standalone);
        try {
            Set<ValidationMessage> errors = validator.validate(JSON.readTree(body));
            assertThat(errors).as("%s response conforms to openapi.yaml: %s", what, body).isEmpty();
        } catch (IOException e) {
            fail("%s returned a body that is not JSON: %s", what, body);
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (ref.isTextual() && ref.asText().startsWith("#/components/responses/")) {
            return document.path("components").path("responses").path(ref.asText().substring("#/components/responses/".length()));
        }
        return node;
    }

    private Optional<String> template(String path) {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            String template = paths.next().getKey();
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (path.matches(regex)) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }
}
