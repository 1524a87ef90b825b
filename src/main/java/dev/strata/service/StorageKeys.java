package dev.strata.service;

import dev.strata.domain.UserId;
import java.util.UUID;

/**
 * Server-generated names for blob bytes: a two-hex-digit prefix from the user's hash (spreading keys over
 * directories and S3 prefixes) and a random UUID, so the client's blob name never reaches a storage path.
 */
final class StorageKeys {
    private StorageKeys() {
    }

    static String next(UserId user) {
        return Fingerprint.sha256Hex(user.value()).substring(0, 2) + "/" + UUID.randomUUID();
    }
}
