package dev.strata.bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The direct-file baseline for blob PUT/GET: the same durability steps as Strata's filesystem blob
 * store (temporary file, fsync, atomic rename, directory fsync) with no checksum, metadata or quota.
 */
final class DirectFiles {
    private final Path root;

    DirectFiles(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + root, e);
        }
    }

    void write(String name, InputStream content) throws IOException {
        Path temp = root.resolve(UUID.randomUUID() + ".part");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            content.transferTo(out);
            channel.force(true);
        }
        Files.move(temp, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(root, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    InputStream open(String name) throws IOException {
        return Files.newInputStream(root.resolve(name));
    }
}
