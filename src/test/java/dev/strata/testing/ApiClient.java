package dev.strata.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small HTTP client for tests. Every exchange is checked against openapi.yaml, so a route, status or body
 * that the document does not describe fails the test that produced it.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final boolean checkContract;

    public ApiClient(String baseUrl) {
        this(baseUrl, true);
    }

    private ApiClient(String baseUrl, boolean checkContract) {
        this.baseUrl = baseUrl;
        this.checkContract = checkContract;
    }

    /** A client that skips the contract check, for exchanges that deliberately leave the API (raw paths, chaos). */
    public ApiClient unchecked() {
        return new ApiClient(baseUrl, false);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public Response get(String path, String token) {
        return request("GET", path).token(token).send();
    }

    public Response put(String path, String token, String json) {
        return request("PUT", path).token(token).body(json).send();
    }

    public Response delete(String path, String token) {
        return request("DELETE", path).token(token).send();
    }

    public final class Request {
        private final String method;
        private final String path;
        private final HttpRequest.Builder builder;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
            this.builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120));
        }

        public Request token(String token) {
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return this;
        }

        /** How long to wait for the answer (default 120 s). */
        public Request timeout(Duration timeout) {
            builder.timeout(timeout);
            return this;
        }

        public Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        public Request body(String text) {
            body = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
            builder.header("Content-Type", "application/json");
            return this;
        }

        public Request body(byte[] bytes, String contentType) {
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            builder.header("Content-Type", contentType);
            return this;
        }

        public Request body(HttpRequest.BodyPublisher publisher, String contentType) {
            body = publisher;
            builder.header("Content-Type", contentType);
            return this;
        }

        public Response send() {
            try {
                HttpResponse<byte[]> response = http.send(builder.method(method, body).build(), HttpResponse.BodyHandlers.ofByteArray());
                Response result = new Response(response);
                if (checkContract) {
                    OpenApiContract.get().check(method, URI.create(baseUrl + path).getRawPath(), response, result.text());
                }
                return result;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(HttpResponse<byte[]> raw) {
        public int status() {
            return raw.statusCode();
        }

        public byte[] bytes() {
            return raw.body();
        }

        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
