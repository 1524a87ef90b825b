package dev.strata.config;

import java.time.Duration;

/**
 * @param port                  HTTP port; 0 picks a free one (default 8080)
 * @param host                  address to bind (default 0.0.0.0)
 * @param role                  all, api or worker (default all)
 * @param maxConcurrentRequests requests served at once; the rest get a fast 503 (default 256)
 * @param maxConcurrentBlobRequests of those, how many may be blob requests (default half, at least 1), so a slow
 *                              blob store cannot take the permits record requests need; past it, blob requests
 *                              get a fast 503
 * @param idleTimeout           a connection that sends nothing for this long is closed (default 30s)
 * @param drainDelay            on SIGTERM, how long to keep serving after readiness turns 503, so load balancers
 *                              stop sending first (default 0s)
 * @param drainTimeout          on SIGTERM, how long in-flight requests may then take to finish (default 20s)
 */
public record ServerConfig(
        Integer port,
        String host,
        Role role,
        Integer maxConcurrentRequests,
        Integer maxConcurrentBlobRequests,
        Duration idleTimeout,
        Duration drainDelay,
        Duration drainTimeout) {

    public enum Role { ALL, API, WORKER }

    public ServerConfig {
        port = port == null ? 8080 : port;
        ConfigException.require(port >= 0 && port <= 65535, "server.port", "must be between 0 and 65535, got " + port);
        host = host == null || host.isBlank() ? "0.0.0.0" : host;
        role = role == null ? Role.ALL : role;
        maxConcurrentRequests = maxConcurrentRequests == null ? 256 : maxConcurrentRequests;
        ConfigException.require(maxConcurrentRequests > 0, "server.maxConcurrentRequests", "must be positive");
        maxConcurrentBlobRequests = maxConcurrentBlobRequests == null
                ? Math.max(1, maxConcurrentRequests / 2) : maxConcurrentBlobRequests;
        ConfigException.require(maxConcurrentBlobRequests > 0 && maxConcurrentBlobRequests <= maxConcurrentRequests,
                "server.maxConcurrentBlobRequests", "must be between 1 and server.maxConcurrentRequests");
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
        ConfigException.require(!idleTimeout.isZero() && !idleTimeout.isNegative(), "server.idleTimeout", "must be positive");
        drainDelay = drainDelay == null ? Duration.ZERO : drainDelay;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(20) : drainTimeout;
    }
}
