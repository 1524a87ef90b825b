package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.OpenApiContract;
import dev.strata.testing.SlowUpload;
import dev.strata.testing.HundredsTierTest;
import dev.strata.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class OperationsTest extends HundredsTierTest {

    @Test
    void liveness_andReadiness_checkEveryDependency() {
        assertThat(api.get("/health/live", null).status()).isEqualTo(200);
        Response ready = api.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks").get("store").asText()).isEqualTo("up");
        assertThat(ready.json().get("checks").get("blobs").asText()).isEqualTo("up");
    }

    @Test
    void metrics_exposeRequestTimersCachePoolAndJvm() {
        String token = server.token("metered");
        api.put("/v1/users/me/records/m", token, "1");
        api.get("/v1/users/me/records/m", token);
        api.get("/v1/users/me/records/m", token);
        String metrics = api.get("/metrics", null).text();
        assertThat(metrics)
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/users/{u}/records/{key}\",status=\"200\"}")
                .contains("cache_gets_total{cache=\"records\"")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void requestId_isEchoed_orGenerated() {
        assertThat(api.request("GET", "/health/live").header("X-Request-Id", "trace-123").send().header("X-Request-Id")).isEqualTo("trace-123");
        assertThat(api.get("/health/live", null).header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(api.request("GET", "/health/live").header("X-Request-Id", "bad id with spaces").send().header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void openApiDocument_isServed_andDocumentsEveryRouteAndNoOther() throws Exception {
        Response doc = api.get("/openapi.yaml", null);
        assertThat(doc.status()).isEqualTo(200);
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(doc.text());
        assertThat(yaml.get("openapi").asText()).isEqualTo("3.1.0");

        List<HttpApi.Route> routes = server.app().api().routes();
        for (HttpApi.Route route : routes) {
            assertThat(OpenApiContract.get().documents(route.method(), route.path())).as("%s %s in openapi.yaml", route.method(), route.path()).isTrue();
        }
        List<String> documented = new ArrayList<>();
        yaml.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                documented.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(routes.stream().map(r -> r.method() + " " + r.path()).toList());
    }

    @Test
    void pastTheConcurrencyBound_requestsGetAFast503_whileProbesStillAnswer() throws Exception {
        try (TestServer narrow = TestServer.fromYaml("""
                tier: narrow
                dataDir: ${STRATA_DATA_DIR}
                server: {port: 0, maxConcurrentRequests: 1}
                auth: {secret: "${STRATA_JWT_SECRET}"}
                store: {type: h2}
                blobs: {type: filesystem}
                """, Map.of())) {
            String token = narrow.token("slow");
            try (SlowUpload slow = SlowUpload.start(narrow.app().port(), "/v1/users/me/blobs/slow", token, "", 2000, 1000)) {
                Awaitility.await().untilAsserted(() -> {
                    Response refused = narrow.client().get("/v1/users/me/usage", token);
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.header("Retry-After")).isEqualTo("1");
                });
                assertThat(narrow.client().get("/health/ready", null).status()).isEqualTo(200);
                assertThat(slow.finish(1000).status()).isEqualTo(201);
            }
            assertThat(narrow.client().get("/v1/users/me/usage", token).status()).isEqualTo(200);
        }
    }
}
