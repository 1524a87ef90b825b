package dev.strata.config;

import java.time.Duration;

/**
 * @param secret        HS256 key, at least 32 bytes; empty means "generate one into the data dir" (hundreds tier only)
 * @param issuer        the {@code iss} every token must carry (default strata)
 * @param audience      the {@code aud} every token must carry (default strata)
 * @param maxTokenTtl   the longest lifetime {@code token} will issue (default 30d)
 * @param rateLimit     per-user request rate
 * @param jwksUrl       when set, tokens come from an OIDC issuer: RS256/ES256 signatures checked against the keys
 *                      published at this JWKS URL (cached, refetched on an unknown key id), and {@code secret} is
 *                      not used; empty (default) means HS256 tokens signed with {@code secret}
 * @param jwksCacheTtl  how long fetched JWKS keys are trusted before they are fetched again (default 5m)
 */
public record AuthConfig(String secret, String issuer, String audience, Duration maxTokenTtl, RateLimitConfig rateLimit,
                         String jwksUrl, Duration jwksCacheTtl) {

    public AuthConfig {
        secret = secret == null ? "" : secret;
        ConfigException.require(secret.isEmpty() || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 32,
                "auth.secret", "must be at least 32 bytes for HS256");
        issuer = issuer == null || issuer.isBlank() ? "strata" : issuer;
        audience = audience == null || audience.isBlank() ? "strata" : audience;
        maxTokenTtl = maxTokenTtl == null ? Duration.ofDays(30) : maxTokenTtl;
        rateLimit = rateLimit == null ? RateLimitConfig.defaults() : rateLimit;
        jwksUrl = jwksUrl == null ? "" : jwksUrl.strip();
        ConfigException.require(jwksUrl.isEmpty() || jwksUrl.startsWith("https://") || jwksUrl.startsWith("http://"),
                "auth.jwksUrl", "must be an http(s) URL");
        jwksCacheTtl = jwksCacheTtl == null ? Duration.ofMinutes(5) : jwksCacheTtl;
    }

    public boolean usesJwks() {
        return !jwksUrl.isEmpty();
    }

    /**
     * @param requestsPerSecond sustained requests per second per user (default 100)
     * @param burst             requests a user may send at once above the rate (default 200)
     */
    public record RateLimitConfig(Integer requestsPerSecond, Integer burst) {
        public RateLimitConfig {
            requestsPerSecond = requestsPerSecond == null ? 100 : requestsPerSecond;
            burst = burst == null ? 2 * requestsPerSecond : burst;
            ConfigException.require(requestsPerSecond > 0, "auth.rateLimit.requestsPerSecond", "must be positive");
            ConfigException.require(burst >= 1, "auth.rateLimit.burst", "must be at least 1");
        }

        static RateLimitConfig defaults() {
            return new RateLimitConfig(null, null);
        }
    }
}
