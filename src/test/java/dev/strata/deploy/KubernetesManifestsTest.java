package dev.strata.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strata.config.StoreConfig;
import dev.strata.config.TierConfig;
import dev.strata.config.WritesConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders every Kustomize overlay and checks the manifests against what the application actually reads and
 * serves: its environment variables, its health endpoints, its tier files (loaded with its own loader), its
 * drain time and its connection budget.
 */
class KubernetesManifestsTest {
    /** DESIGN.md, "Environment variables": everything the tier files may read. */
    private static final Set<String> APP_VARIABLES = Set.of(
            "STRATA_PORT", "STRATA_DATA_DIR", "STRATA_ROLE", "STRATA_JWT_SECRET",
            "STRATA_DB_URL", "STRATA_DB_USER", "STRATA_DB_PASSWORD", "STRATA_SHARD_URLS", "STRATA_REDIS_URL",
            "STRATA_S3_ENDPOINT", "STRATA_S3_BUCKET", "STRATA_S3_ACCESS_KEY", "STRATA_S3_SECRET_KEY",
            "STRATA_S3_REGION", "STRATA_KAFKA_BOOTSTRAP");
    private static final Set<String> ROLES = Set.of("all", "api", "worker");
    private static final String PORT_NAME = "http";
    private static final String TIER_FILE_PATH = "/config/tier.yaml";
    private static final long APP_USER_ID = 10001;
    private static final java.util.regex.Pattern GENERATED_NAME = java.util.regex.Pattern.compile("(strata-tier)-[0-9a-z]{10}\\b");

    // ---- every overlay parses into the typed model

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void overlay_parsesIntoTheTypedModel_withNoUnknownFields(String tier) {
        RenderedOverlay overlay = RenderedOverlay.of(tier);

        assertThat(overlay.resources()).isNotEmpty();
        for (HasMetadata resource : overlay.resources()) {
            assertThat(UnknownFields.in(resource)).as("fields the Kubernetes model does not know in %s", describe(resource)).isEmpty();
            assertThat(resource.getMetadata().getNamespace()).as("namespace of %s", describe(resource)).isEqualTo("strata");
        }
        assertThat(overlay.deployments()).isNotEmpty();
        assertThat(overlay.all(PodDisruptionBudget.class)).hasSameSizeAs(overlay.deployments());
    }

    // ---- probes, ports and the Service

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void probes_hitTheHealthEndpoints_onThePortTheServiceTargets(String tier) {
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        assertThat(overlay.service().getSpec().getPorts())
                .allSatisfy(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo(PORT_NAME));

        for (Deployment deployment : overlay.deployments()) {
            for (Container container : containers(deployment)) {
                String where = describe(deployment) + " container " + container.getName();
                ContainerPort http = namedPort(container);
                assertThat(String.valueOf(http.getContainerPort())).as("%s: STRATA_PORT matches port http", where)
                        .isEqualTo(envValue(container, "STRATA_PORT"));
                assertProbe(container.getLivenessProbe().getHttpGet(), "/health/live", where + " liveness");
                assertProbe(container.getReadinessProbe().getHttpGet(), "/health/ready", where + " readiness");
                if (container.getStartupProbe() != null) {
                    assertProbe(container.getStartupProbe().getHttpGet(), "/health/live", where + " startup");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void service_selectsTheHttpServers_andNeverWorkers(String tier) {
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        Map<String, String> selector = overlay.service().getSpec().getSelector();

        for (Deployment deployment : overlay.deployments()) {
            boolean selected = podLabels(deployment).entrySet().containsAll(selector.entrySet());
            assertThat(selected).as("Service selects %s", describe(deployment))
                    .isEqualTo(!"worker".equals(envValue(containers(deployment).get(0), "STRATA_ROLE")));
        }
    }

    // ---- environment variables and tier files

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void containers_setEveryVariableTheirTierFileReads(String tier) {
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        Set<String> read = overlay.tierFile().referencedVariables();
        assertThat(APP_VARIABLES).as("variables the %s tier file reads are documented app variables", tier).containsAll(read);

        for (Deployment deployment : overlay.deployments()) {
            for (Container container : containers(deployment)) {
                Set<String> set = container.getEnv().stream().map(e -> e.getName()).collect(Collectors.toSet());
                assertThat(set).as("env of %s", describe(deployment)).containsAll(read);
                assertThat(set.stream().filter(name -> name.startsWith("STRATA_")))
                        .as("STRATA_ variables of %s are ones the app documents", describe(deployment))
                        .allMatch(APP_VARIABLES::contains);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void tierFile_loadsWithTheAppsOwnLoader_inEachContainersEnvironment(String tier) {
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        for (Deployment deployment : overlay.deployments()) {
            Container container = containers(deployment).get(0);
            TierConfig config = overlay.tierFile().load(ContainerEnvironment.of(container, exampleSecret()));

            assertThat(config.tier()).isEqualTo(tier);
            assertThat(config.server().port()).isEqualTo(namedPort(container).getContainerPort());
            assertThat(config.server().role().name().toLowerCase()).isEqualTo(envValue(container, "STRATA_ROLE"));
            assertThat(mountPaths(container)).as("%s mounts its data dir", describe(deployment))
                    .contains(config.dataDir().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void tierConfigMap_holdsTheOverlaysTierFile_mountedWhereServeReadsIt(String tier) throws IOException {
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        String tierText = Files.readString(overlay.directory().resolve("tier.yaml"));

        for (Deployment deployment : overlay.deployments()) {
            Container container = containers(deployment).get(0);
            assertThat(container.getArgs()).containsExactly("serve", "--config", TIER_FILE_PATH);
            VolumeMount mount = container.getVolumeMounts().stream()
                    .filter(m -> TIER_FILE_PATH.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
            Volume volume = volume(podSpec(deployment), mount.getName());
            ConfigMap configMap = overlay.all(ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getName().equals(volume.getConfigMap().getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(describe(deployment) + " mounts a ConfigMap the overlay lacks"));
            assertThat(configMap.getData()).containsEntry(Path.of(TIER_FILE_PATH).getFileName().toString(), tierText);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void roles_areValid_oneProcessKindBelowMillions_apiAndWorkerAtMillions(String tier) {
        List<String> roles = RenderedOverlay.of(tier).deployments().stream()
                .flatMap(d -> containers(d).stream()).map(c -> envValue(c, "STRATA_ROLE")).toList();

        assertThat(roles).isSubsetOf(ROLES);
        if (tier.equals("millions")) {
            assertThat(roles).containsExactlyInAnyOrder("api", "worker");
        } else {
            assertThat(roles).containsExactly("all");
        }
    }

    // ---- resources, security and shutdown

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void containers_requestAndLimitCpuAndMemory(String tier) {
        for (Deployment deployment : RenderedOverlay.of(tier).deployments()) {
            for (Container container : containers(deployment)) {
                assertThat(container.getResources().getRequests()).as("requests of %s", describe(deployment))
                        .containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as("limits of %s", describe(deployment))
                        .containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void containers_runAsTheImagesNonRootUser_withNoPrivileges_onAReadOnlyRoot(String tier) {
        for (Deployment deployment : RenderedOverlay.of(tier).deployments()) {
            PodSpec pod = podSpec(deployment);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            for (Container container : containers(deployment)) {
                SecurityContext security = container.getSecurityContext();
                assertThat(security.getRunAsNonRoot()).as("runAsNonRoot of %s", describe(deployment)).isTrue();
                assertThat(security.getRunAsUser()).isEqualTo(APP_USER_ID);
                assertThat(security.getAllowPrivilegeEscalation()).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).isTrue();
                assertThat(security.getCapabilities().getDrop()).contains("ALL");
                assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
                assertThat(volume(pod, mountNamed(container, "/tmp")).getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void gracePeriod_outlastsPreStopPlusTheAppsDrain(String tier) {
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        for (Deployment deployment : overlay.deployments()) {
            Container container = containers(deployment).get(0);
            long drainSeconds = overlay.tierFile().load(ContainerEnvironment.of(container, exampleSecret()))
                    .server().drainTimeout().toSeconds();
            long preStopSeconds = preStopSleepSeconds(container.getLifecycle().getPreStop());

            assertThat(podSpec(deployment).getTerminationGracePeriodSeconds())
                    .as("%s: grace > preStop %ds + drain %ds", describe(deployment), preStopSeconds, drainSeconds)
                    .isGreaterThan(preStopSeconds + drainSeconds);
        }
    }

    // ---- scaling

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void autoscalers_targetDeploymentsOfTheOverlay_withinTheDatabaseConnectionBudget(String tier) {
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        Set<String> deployments = overlay.deployments().stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        Map<String, Integer> maxReplicasByTarget = new HashMap<>();

        for (HorizontalPodAutoscaler hpa : overlay.all(HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
            assertThat(maxReplicasByTarget.put(hpa.getSpec().getScaleTargetRef().getName(), hpa.getSpec().getMaxReplicas()))
                    .as("one autoscaler per Deployment").isNull();
        }
        for (GenericKubernetesResource scaledObject : overlay.scaledObjects()) {
            Map<String, Object> spec = scaledObject.get("spec");
            assertThat(scaledObject.<String>get("spec", "scaleTargetRef", "name")).isNotNull();
            assertThat(maxReplicasByTarget.put(scaledObject.get("spec", "scaleTargetRef", "name"),
                    ((Number) spec.get("maxReplicaCount")).intValue())).as("one autoscaler per Deployment").isNull();
        }
        assertThat(deployments).containsAll(maxReplicasByTarget.keySet());

        // A rolling update runs up to maxSurge extra pods of each Deployment on top of the autoscaler's maximum.
        int processes = maxReplicasByTarget.entrySet().stream()
                .mapToInt(target -> target.getValue() + maxSurge(overlay.deployment(target.getKey()))).sum();
        StoreConfig store = overlay.tierFile().load(ContainerEnvironment.of(
                containers(overlay.deployments().get(0)).get(0), exampleSecret())).store();
        int budgetedReplicas = store instanceof StoreConfig.Postgres postgres ? postgres.replicas()
                : store instanceof StoreConfig.Sharded sharded ? sharded.replicas()
                : 1;
        assertThat(processes).as("%s: most processes autoscaling and rollouts may run vs store.replicas in tier.yaml", tier)
                .isLessThanOrEqualTo(budgetedReplicas);
    }

    @Test
    void thousands_scalesTheServerOnCpu_behindATlsIngress() {
        RenderedOverlay overlay = RenderedOverlay.of("thousands");
        assertThat(overlay.all(HorizontalPodAutoscaler.class)).singleElement()
                .satisfies(hpa -> assertThat(hpa.getSpec().getMinReplicas()).isGreaterThan(1));
        assertThat(overlay.all(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class)).singleElement()
                .satisfies(ingress -> assertThat(ingress.getSpec().getTls()).isNotEmpty());
    }

    @Test
    void millions_scalesApiOnCpu_andWorkersOnTheLagOfTheQueuedWritesTopic() {
        RenderedOverlay overlay = RenderedOverlay.of("millions");
        Deployment api = deploymentWithRole(overlay, "api");
        Deployment worker = deploymentWithRole(overlay, "worker");

        assertThat(overlay.all(HorizontalPodAutoscaler.class)).singleElement()
                .satisfies(hpa -> assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(api.getMetadata().getName()));
        GenericKubernetesResource scaledObject = overlay.scaledObjects().get(0);
        assertThat(scaledObject.<String>get("spec", "scaleTargetRef", "name")).isEqualTo(worker.getMetadata().getName());

        Container workerContainer = containers(worker).get(0);
        WritesConfig.Queued writes = (WritesConfig.Queued) overlay.tierFile()
                .load(ContainerEnvironment.of(workerContainer, exampleSecret())).writes();
        List<Map<String, Object>> triggers = scaledObject.get("spec", "triggers");
        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(trigger).containsEntry("type", "kafka");
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
            assertThat(metadata).containsEntry("topic", writes.topic())
                    .containsEntry("bootstrapServers", writes.bootstrap());
        });
        assertThat(overlay.all(PodDisruptionBudget.class)).extracting(p -> p.getSpec().getSelector().getMatchLabels())
                .anySatisfy(labels -> assertThat(podLabels(api).entrySet()).containsAll(labels.entrySet()))
                .anySatisfy(labels -> assertThat(podLabels(worker).entrySet()).containsAll(labels.entrySet()));
    }

    @Test
    void hundreds_runsExactlyOneProcess_withItsDataDirOnAPersistentVolume() {
        RenderedOverlay overlay = RenderedOverlay.of("hundreds");
        assertThat(overlay.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(overlay.scaledObjects()).isEmpty();
        Deployment deployment = overlay.deployments().get(0);
        assertThat(overlay.deployments()).hasSize(1);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");

        Container container = containers(deployment).get(0);
        String dataDir = envValue(container, "STRATA_DATA_DIR");
        Volume data = volume(podSpec(deployment), mountNamed(container, dataDir));
        assertThat(data.getPersistentVolumeClaim()).as("volume at %s", dataDir).isNotNull();
        assertThat(data.getEmptyDir()).isNull();
        assertThat(overlay.all(PersistentVolumeClaim.class)).extracting(p -> p.getMetadata().getName())
                .contains(data.getPersistentVolumeClaim().getClaimName());
    }

    // ---- network policies and secrets

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void networkPolicies_letOnlyTheIngressControllerAndPrometheusIn_andStrataOnlyOutToDnsAndDataStores(String tier) {
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class);

        for (Deployment deployment : overlay.deployments()) {
            Map<String, String> labels = podLabels(deployment);
            assertThat(labels).as("data stores accept only app=strata").containsEntry("app", "strata");
            List<NetworkPolicy> ingress = policies.stream()
                    .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                    .filter(p -> labels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()))
                    .toList();
            assertThat(ingress).as("ingress policies selecting %s", describe(deployment)).isNotEmpty();
            assertThat(ingress.stream().flatMap(p -> p.getSpec().getIngress().stream()).flatMap(rule -> rule.getFrom().stream()))
                    .allSatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                            .isIn("ingress-nginx", "monitoring"));
        }
        NetworkPolicy egress = policies.stream().filter(p -> p.getSpec().getPolicyTypes().contains("Egress")).findFirst().orElseThrow();
        assertThat(egress.getSpec().getPodSelector().getMatchLabels()).containsEntry("app", "strata");
        assertThat(egress.getSpec().getEgress()).flatExtracting(rule -> rule.getPorts())
                .extracting(port -> port.getPort().getIntVal()).contains(53, 5432);
    }

    @Test
    void dataStorePolicySample_acceptsOnlyStrataPods() throws IOException {
        NetworkPolicy policy = (NetworkPolicy) TypedManifests.parse(readSingleYaml(RenderedOverlay.K8S.resolve("datastores/networkpolicy.yaml")));
        List<NetworkPolicyPeer> peers = policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()).toList();

        assertThat(UnknownFields.in(policy)).isEmpty();
        assertThat(peers).anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app", "strata"));
        assertThat(peers).allSatisfy(peer -> assertThat(peer.getPodSelector()).as("every peer names the pods it admits").isNotNull());
    }

    @Test
    void exampleSecret_isNotPartOfAnyKustomization() throws IOException {
        try (Stream<Path> files = Files.walk(RenderedOverlay.K8S)) {
            for (Path kustomization : files.filter(f -> f.endsWith("kustomization.yaml")).toList()) {
                assertThat(Files.readString(kustomization)).as("%s", kustomization).doesNotContain("secret.example");
            }
        }
        assertThat(exampleSecret().getStringData().get("jwt-secret").getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(32);
    }

    // ---- the renderer itself

    @ParameterizedTest
    @ValueSource(strings = {"hundreds", "thousands", "millions"})
    void renderer_agreesWithKubectlKustomize_whenKubectlIsInstalled(String tier) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeThat(kubectl).as("kubectl on PATH").isNotNull();
        RenderedOverlay overlay = RenderedOverlay.of(tier);
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.directory().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as("kubectl kustomize ran").isTrue();

        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> theirs = yaml.readerFor(JsonNode.class).<JsonNode>readValues(output).readAll();
        assertThat(byKindAndName(overlay.raw())).isEqualTo(byKindAndName(theirs));
    }

    // ---- helpers

    /** Keyed by kind/name, with generated-name hash suffixes blanked (see {@link KustomizeNameHash}). */
    private static Map<String, JsonNode> byKindAndName(List<? extends JsonNode> manifests) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode manifest : manifests) {
            JsonNode normalized = json.readTree(GENERATED_NAME.matcher(manifest.toString()).replaceAll("$1-HASH"));
            byKey.put(normalized.path("kind").asText() + "/" + normalized.at("/metadata/name").asText(), normalized);
        }
        return byKey;
    }

    private static Secret exampleSecret() {
        try {
            return (Secret) TypedManifests.parse(readSingleYaml(RenderedOverlay.K8S.resolve("secret.example.yaml")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode readSingleYaml(Path path) throws IOException {
        return (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
    }

    private static Deployment deploymentWithRole(RenderedOverlay overlay, String role) {
        return overlay.deployments().stream().filter(d -> role.equals(envValue(containers(d).get(0), "STRATA_ROLE")))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment with STRATA_ROLE=" + role));
    }

    private static void assertProbe(HTTPGetAction probe, String path, String where) {
        assertThat(probe).as(where).isNotNull();
        assertThat(probe.getPath()).as(where).isEqualTo(path);
        assertThat(probe.getPort().getStrVal()).as(where + " port").isEqualTo(PORT_NAME);
    }

    private static long preStopSleepSeconds(LifecycleHandler preStop) {
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        List<String> command = preStop.getExec().getCommand();
        assertThat(command).as("preStop is a plain sleep").hasSize(2).first().isEqualTo("sleep");
        return Long.parseLong(command.get(1));
    }

    private static int maxSurge(Deployment deployment) {
        if (!"RollingUpdate".equals(deployment.getSpec().getStrategy().getType())) {
            return 0;
        }
        IntOrString surge = deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
        assertThat(surge.getIntVal()).as("%s: maxSurge as a pod count, so the budget can be checked", describe(deployment)).isNotNull();
        return surge.getIntVal();
    }

    private static ContainerPort namedPort(Container container) {
        return container.getPorts().stream().filter(p -> PORT_NAME.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + PORT_NAME));
    }

    private static String envValue(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(e -> e.getValue()).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not set " + name));
    }

    private static String mountNamed(Container container, String mountPath) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(mountPath)).map(VolumeMount::getName)
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + mountPath));
    }

    private static List<String> mountPaths(Container container) {
        return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static PodSpec podSpec(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    private static List<Container> containers(Deployment deployment) {
        return podSpec(deployment).getContainers();
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static String describe(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }
}
