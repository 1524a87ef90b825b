package dev.strata.bootstrap;

import dev.strata.config.ConfigException;
import dev.strata.config.StoreConfig;
import dev.strata.config.TierConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 secret: {@code auth.secret} when set; on the embedded (H2) tier, one generated once into the data
 * dir, so {@code serve} and {@code token} agree without any setup. Other tiers must be given one, since every
 * replica has to share it.
 */
final class JwtSecrets {
    private static final String FILE_NAME = "jwt-secret";

    private JwtSecrets() {
    }

    static String resolve(TierConfig config) {
        if (!config.auth().secret().isEmpty()) {
            return config.auth().secret();
        }
        if (!(config.store() instanceof StoreConfig.H2)) {
            throw new ConfigException("auth.secret: is required on tier '" + config.tier()
                    + "' (set STRATA_JWT_SECRET to at least 32 bytes, the same on every replica)");
        }
        return readOrCreate(config.dataDir().resolve(FILE_NAME));
    }

    private static String readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                restrictToOwner(file);
                return secret;
            } catch (FileAlreadyExistsException e) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret at " + file, e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system; the data dir's own permissions apply
        }
    }
}
