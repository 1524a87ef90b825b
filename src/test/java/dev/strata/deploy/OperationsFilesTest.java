package dev.strata.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Chaos experiments, alert rules and the dashboard: well-formed, and using only metrics the docs list. */
class OperationsFilesTest {
    private static final Path CHAOS = Path.of("k8s/chaos");
    private static final Path ALERTS = Path.of("ops/prometheus/alerts.yaml");
    private static final Path DASHBOARD = Path.of("ops/grafana/strata-dashboard.json");
    private static final Path DEPLOYMENT_DOC = Path.of("docs/deployment.md");
    /** A metric name is the identifier right before a label selector; kube_* come from kube-state-metrics. */
    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\{");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void chaosExperiments_areChaosMeshResources_eachNamingTheLocalScenarioItMirrors() throws IOException {
        List<String> actions = new ArrayList<>();
        try (Stream<Path> files = Files.list(CHAOS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(file);
                JsonNode experiment = yaml.readTree(text);
                assertThat(text).as("%s header", file).startsWith("# Local chaos scenario ");
                assertThat(experiment.path("apiVersion").asText()).isEqualTo("chaos-mesh.org/v1alpha1");
                assertThat(experiment.path("kind").asText()).isIn("PodChaos", "NetworkChaos");
                assertThat(experiment.at("/spec/selector/namespaces")).as("%s selects by namespace", file).isNotEmpty();
                actions.add(experiment.path("kind").asText() + ":" + experiment.at("/spec/action").asText());
            }
        }
        assertThat(actions).contains("PodChaos:pod-kill", "PodChaos:pod-failure", "NetworkChaos:delay", "NetworkChaos:partition");
    }

    @Test
    void alertRules_coverErrorsLatencyLagBreakersShardsAndReadiness() throws IOException {
        JsonNode rule = yaml.readTree(ALERTS.toFile());
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode alert : group.path("rules")) {
                assertThat(alert.path("expr").asText()).isNotBlank();
                assertThat(alert.at("/labels/severity").asText()).isIn("warning", "critical");
                alerts.add(alert.path("alert").asText());
            }
        }
        assertThat(alerts).contains("StrataHigh5xxRatio", "StrataP99LatencyHigh", "StrataConsumerLagGrowing",
                "StrataCircuitBreakerOpen", "StrataShardDown", "StrataPodNotReady");
    }

    @Test
    void alertsAndDashboard_useOnlyMetricsTheDeploymentDocLists() throws IOException {
        String doc = Files.readString(DEPLOYMENT_DOC);
        Set<String> used = new TreeSet<>(metricsIn(Files.readString(ALERTS)));
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            panel.path("targets").forEach(target -> used.addAll(metricsIn(target.path("expr").asText())));
        }

        assertThat(used).isNotEmpty();
        assertThat(used.stream().filter(name -> !name.startsWith("kube_")))
                .allSatisfy(name -> assertThat(doc).as("docs/deployment.md lists %s", name).contains("`" + baseName(name)));
    }

    @Test
    void everyStrataMetricTheDeploymentDocLists_isRegisteredByTheCode() throws IOException {
        String doc = Files.readString(DEPLOYMENT_DOC);
        String code;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            code = sources.filter(f -> f.toString().endsWith(".java")).map(OperationsFilesTest::read)
                    .collect(Collectors.joining("\n"));
        }
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("`(strata_[a-z0-9_]+)`").matcher(doc);
        while (m.find()) {
            listed.add(m.group(1));
        }

        assertThat(listed).isNotEmpty().allSatisfy(name -> assertThat(code)
                .as("the Micrometer name of %s in src/main/java", name).contains('"' + micrometerName(name) + '"'));
    }

    @Test
    void dashboard_hasThePanelsOperatorsAskFor() throws IOException {
        List<String> titles = new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels").findValuesAsText("title");
        assertThat(String.join("|", titles).toLowerCase())
                .contains("request rate", "error ratio", "p99 latency", "cache hit ratio", "pool", "lag", "shard", "breaker");
    }

    private static Set<String> metricsIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Prometheus writes Micrometer's {@code a.b} as {@code a_b}, with {@code _total} on counters and the base unit. */
    private static String micrometerName(String prometheusName) {
        return prometheusName.replaceFirst("_total$", "").replaceFirst("_(seconds|bytes)$", "").replace('_', '.');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prometheus adds _count, _sum and _bucket to a timer; the doc names the timer once. */
    private static String baseName(String metric) {
        return metric.replaceFirst("_(count|sum|bucket)$", "");
    }
}
