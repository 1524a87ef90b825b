package dev.strata.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;

/** Turns raw manifest trees into fabric8's typed Kubernetes model, by apiVersion and kind. */
final class TypedManifests {
    /** Custom resources we ship; fabric8 has no typed model for them, so they stay generic. */
    static final String KEDA_SCALED_OBJECT = "keda.sh/v1alpha1/ScaledObject";

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry(KEDA_SCALED_OBJECT, GenericKubernetesResource.class));

    private static final ObjectMapper JSON = new ObjectMapper();

    private TypedManifests() {
    }

    static HasMetadata parse(ObjectNode manifest) {
        String type = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        Class<? extends HasMetadata> modelClass = TYPES.get(type);
        if (modelClass == null) {
            throw new IllegalArgumentException("no typed model for " + type + "; known: " + TYPES.keySet());
        }
        try {
            return JSON.treeToValue(manifest, modelClass);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type + " does not fit the Kubernetes model: " + e.getOriginalMessage(), e);
        }
    }
}
