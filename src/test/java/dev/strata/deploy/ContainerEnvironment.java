package dev.strata.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment a container would see, with Secret references filled from the example Secret. */
final class ContainerEnvironment {
    private ContainerEnvironment() {
    }

    static Map<String, String> of(Container container, Secret exampleSecret) {
        if (container.getEnvFrom() != null && !container.getEnvFrom().isEmpty()) {
            throw new AssertionError(container.getName() + ": envFrom hides which variables are set; use env");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), valueOf(variable, exampleSecret));
        }
        return environment;
    }

    private static String valueOf(EnvVar variable, Secret exampleSecret) {
        if (variable.getValueFrom() == null) {
            return variable.getValue();
        }
        SecretKeySelector secretKey = variable.getValueFrom().getSecretKeyRef();
        if (secretKey == null) {
            throw new AssertionError(variable.getName() + ": only value and secretKeyRef are expected");
        }
        if (!secretKey.getName().equals(exampleSecret.getMetadata().getName())) {
            throw new AssertionError(variable.getName() + ": refers to Secret " + secretKey.getName()
                    + ", expected " + exampleSecret.getMetadata().getName());
        }
        String value = exampleSecret.getStringData().get(secretKey.getKey());
        if (value == null) {
            throw new AssertionError(variable.getName() + ": key " + secretKey.getKey() + " is missing from secret.example.yaml");
        }
        return value;
    }
}
