package dev.strata.api;

/** The URL of things the API creates. */
final class Paths {
    private Paths() {
    }

    static String record(String user, String key) {
        return "/v1/users/" + encode(user) + "/records/" + encode(key);
    }

    static String blob(String user, String name) {
        return "/v1/users/" + encode(user) + "/blobs/" + encode(name);
    }

    static String request(String requestId) {
        return "/v1/requests/" + encode(requestId);
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
