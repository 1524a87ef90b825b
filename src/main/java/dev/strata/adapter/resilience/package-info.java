/**
 * Decorators that put a dependency's port behind a circuit breaker and retry its idempotent calls within a retry
 * budget; chosen in bootstrap, so the service layer and the technology adapters stay free of resilience code.
 */
package dev.strata.adapter.resilience;
