package dev.strata.api;

import java.util.function.BooleanSupplier;

/**
 * A server the process talks to, as readiness sees it. A required one (the metadata store: every request needs it)
 * takes the process out of rotation while down; any other only marks it degraded, because its own requests already
 * fail fast with 503 + Retry-After and taking every replica out of the load balancer for it would fail the rest too.
 */
public record Dependency(String name, BooleanSupplier check, boolean required) {

    public static Dependency required(String name, BooleanSupplier check) {
        return new Dependency(name, check, true);
    }

    public static Dependency degradable(String name, BooleanSupplier check) {
        return new Dependency(name, check, false);
    }
}
