package dev.strata.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization directory the way {@code kubectl kustomize} does, for exactly the features the
 * Strata overlays use: resources (files and nested kustomizations), namespace, labels (metadata only),
 * patches by path (strategic merge, targeted by the patch's kind and name) and configMapGenerator with
 * files (hash-suffixed name, references in pod specs updated). Anything else fails loudly, so an overlay
 * cannot quietly use a feature the test would render wrongly.
 */
final class KustomizeRenderer {
    private static final Set<String> SUPPORTED_KEYS =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "patches", "configMapGenerator");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    List<ObjectNode> render(Path directory) {
        ObjectNode kustomization = readOne(directory.resolve("kustomization.yaml"));
        kustomization.fieldNames().forEachRemaining(key -> {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw new IllegalArgumentException(directory + ": kustomization key '" + key + "' is not supported");
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = directory.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(path) ? render(path) : readAll(path));
        }
        Map<String, String> renamedConfigMaps = new HashMap<>();
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            ObjectNode configMap = generateConfigMap(directory, generator);
            renamedConfigMaps.put(generator.get("name").asText(), configMap.at("/metadata/name").asText());
            resources.add(configMap);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(resources, readOne(directory.resolve(patch.get("path").asText())));
        }
        String namespace = kustomization.path("namespace").asText(null);
        for (ObjectNode resource : resources) {
            ObjectNode metadata = resource.with("metadata");
            if (namespace != null) {
                metadata.put("namespace", namespace);
            }
            for (JsonNode labels : kustomization.path("labels")) {
                if (labels.has("includeSelectors") || labels.has("includeTemplates")) {
                    throw new IllegalArgumentException(directory + ": labels with selectors or templates are not supported");
                }
                labels.get("pairs").fields().forEachRemaining(pair -> metadata.with("labels").set(pair.getKey(), pair.getValue()));
            }
            PodSpecs.of(resource).forEach(spec -> renameConfigMapReferences(spec, renamedConfigMaps));
        }
        return resources;
    }

    private ObjectNode generateConfigMap(Path directory, JsonNode generator) {
        if (generator.size() != 2 || !generator.has("files")) {
            throw new IllegalArgumentException(directory + ": configMapGenerator supports only name and files");
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode file : generator.get("files")) {
            Path path = directory.resolve(file.asText());
            data.put(path.getFileName().toString(), read(path));
        }
        String name = generator.get("name").asText();
        ObjectNode configMap = yaml.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.with("metadata").put("name", name + "-" + KustomizeNameHash.suffix(name, data));
        data.forEach(configMap.with("data")::put);
        return configMap;
    }

    private static void applyPatch(List<ObjectNode> resources, ObjectNode patch) {
        String kind = patch.get("kind").asText();
        String name = patch.at("/metadata/name").asText();
        List<ObjectNode> targets = resources.stream()
                .filter(r -> r.get("kind").asText().equals(kind) && r.at("/metadata/name").asText().equals(name))
                .toList();
        if (targets.size() != 1) {
            throw new IllegalArgumentException("patch for " + kind + "/" + name + " matches " + targets.size() + " resources");
        }
        StrategicMerge.apply(targets.get(0), patch);
    }

    private static void renameConfigMapReferences(ObjectNode podSpec, Map<String, String> renamed) {
        List<JsonNode> references = new ArrayList<>();
        podSpec.path("volumes").forEach(volume -> references.add(volume.path("configMap")));
        for (String containers : List.of("initContainers", "containers")) {
            for (JsonNode container : podSpec.path(containers)) {
                container.path("envFrom").forEach(source -> references.add(source.path("configMapRef")));
                container.path("env").forEach(env -> references.add(env.at("/valueFrom/configMapKeyRef")));
            }
        }
        for (JsonNode reference : references) {
            String newName = renamed.get(reference.path("name").asText());
            if (newName != null) {
                ((ObjectNode) reference).put("name", newName);
            }
        }
    }

    private ObjectNode readOne(Path path) {
        List<ObjectNode> documents = readAll(path);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(path + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    private List<ObjectNode> readAll(Path path) {
        try (YAMLParser parser = (YAMLParser) yaml.getFactory().createParser(read(path))) {
            List<ObjectNode> documents = new ArrayList<>();
            for (JsonNode document : yaml.readValues(parser, JsonNode.class).readAll()) {
                if (document instanceof ObjectNode object) {
                    documents.add(object);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": not valid YAML", e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
