package dev.strata.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A content-hash suffix for a generated ConfigMap's name, so that changing the tier file changes the name and
 * rolls the pods, as kustomize does. It is not byte-for-byte kustomize's suffix (kubectl's build hashes
 * differently from its published hasher); tests that compare with kubectl ignore the suffix.
 */
final class KustomizeNameHash {
    private KustomizeNameHash() {
    }

    static String suffix(String name, Map<String, String> data) {
        StringBuilder content = new StringBuilder(name);
        new TreeMap<>(data).forEach((key, value) -> content.append('\0').append(key).append('\0').append(value));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
