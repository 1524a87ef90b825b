package dev.strata.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Finds the pod spec inside a workload resource, as a raw tree, for renderer transformations. */
final class PodSpecs {
    private PodSpecs() {
    }

    static List<ObjectNode> of(ObjectNode resource) {
        JsonNode spec = switch (resource.path("kind").asText()) {
            case "Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet" -> resource.at("/spec/template/spec");
            case "Pod" -> resource.get("spec");
            default -> null;
        };
        return spec instanceof ObjectNode podSpec ? List.of(podSpec) : List.of();
    }
}
