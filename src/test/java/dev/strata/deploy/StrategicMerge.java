package dev.strata.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The part of Kubernetes' strategic merge patch that our overlays use: maps merge recursively, an explicit
 * {@code null} deletes a key, and the pod-spec lists below merge item by item on their merge key. Every
 * other list is replaced whole, as strategic merge does for lists without a merge key.
 */
final class StrategicMerge {
    /** Merge keys from the Kubernetes API's x-kubernetes-patch-merge-key for the lists overlays patch. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "volumes", "name",
            "env", "name",
            "volumeMounts", "mountPath",
            "ports", "containerPort",
            "imagePullSecrets", "name");

    private StrategicMerge() {
    }

    static void apply(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("patch directive " + key + " is not supported by this renderer");
            }
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current instanceof ObjectNode currentObject) {
                apply(currentObject, value);
            } else if (value.isArray() && current instanceof ArrayNode currentArray && MERGE_KEYS.containsKey(key)) {
                mergeList(currentArray, (ArrayNode) value, MERGE_KEYS.get(key));
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    /** Like kustomize: patched items first, in patch order, then the target's other items in their order. */
    private static void mergeList(ArrayNode target, ArrayNode patch, String mergeKey) {
        ArrayNode merged = target.arrayNode();
        for (JsonNode item : patch) {
            JsonNode key = item.get(mergeKey);
            if (key == null) {
                throw new IllegalArgumentException("list item without merge key " + mergeKey + ": " + item);
            }
            ObjectNode existing = find(target, mergeKey, key);
            if (existing == null) {
                merged.add(item.deepCopy());
            } else {
                apply(existing, item);
                merged.add(existing);
            }
        }
        for (JsonNode item : target) {
            if (find(patch, mergeKey, item.get(mergeKey)) == null) {
                merged.add(item);
            }
        }
        target.removeAll().addAll(merged);
    }

    private static ObjectNode find(ArrayNode list, String mergeKey, JsonNode key) {
        for (JsonNode item : list) {
            if (key.equals(item.get(mergeKey))) {
                return (ObjectNode) item;
            }
        }
        return null;
    }
}
