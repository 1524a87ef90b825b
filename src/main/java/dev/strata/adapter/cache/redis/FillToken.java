package dev.strata.adapter.cache.redis;

/**
 * The invalidation generations of a record and its user, read before loading the record from the database.
 * A fill carrying them succeeds only if no invalidation happened since, so a value read before a write
 * committed never lands in Redis after that write's invalidation.
 */
public record FillToken(String recordGeneration, String userGeneration) {
}
