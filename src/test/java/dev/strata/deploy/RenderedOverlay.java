package dev.strata.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One tier's overlay, rendered and parsed into the typed model. */
record RenderedOverlay(String tier, Path directory, List<ObjectNode> raw, List<HasMetadata> resources) {
    static final Path K8S = Path.of("k8s");
    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    static RenderedOverlay of(String tier) {
        return RENDERED.computeIfAbsent(tier, RenderedOverlay::render);
    }

    private static RenderedOverlay render(String tier) {
        Path directory = K8S.resolve("overlays").resolve(tier);
        List<ObjectNode> raw = new KustomizeRenderer().render(directory);
        return new RenderedOverlay(tier, directory, raw, raw.stream().map(TypedManifests::parse).toList());
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    Deployment deployment(String name) {
        return deployments().stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(tier + " has no Deployment " + name));
    }

    Service service() {
        List<Service> services = all(Service.class);
        if (services.size() != 1) {
            throw new AssertionError(tier + " should have one Service, has " + services.size());
        }
        return services.get(0);
    }

    List<GenericKubernetesResource> scaledObjects() {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> (r.getApiVersion() + "/" + r.getKind()).equals(TypedManifests.KEDA_SCALED_OBJECT))
                .toList();
    }

    TierFile tierFile() {
        return TierFile.of(directory.resolve("tier.yaml"));
    }
}
