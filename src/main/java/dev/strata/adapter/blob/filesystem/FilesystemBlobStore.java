package dev.strata.adapter.blob.filesystem;

import dev.strata.port.BlobStore;
import dev.strata.port.StorageFullException;
import dev.strata.port.StorageUnavailableException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Blobs as files under one directory. Bytes go to a temporary file that is fsynced, then atomically renamed to
 * the storage key and the directory fsynced, so a crash leaves either the whole object or none.
 */
public final class FilesystemBlobStore implements BlobStore {
    private static final String TEMP_DIR = ".incoming";
    /** Bytes per file system call: the streams' own 8 KiB would take 128 calls per MiB each way. */
    private static final int IO_CHUNK = 64 * 1024;

    private final Path root;
    private final Path incoming;

    public FilesystemBlobStore(Path root) {
        this.root = root.toAbsolutePath();
        this.incoming = this.root.resolve(TEMP_DIR);
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create blob directory " + root, e);
        }
    }

    @Override
    public void write(String storageKey, InputStream content) {
        Path target = pathOf(storageKey);
        Path temp = incoming.resolve(UUID.randomUUID() + ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), IO_CHUNK)) {
                content.transferTo(out);
                out.flush();
                channel.force(true);
            }
            Files.createDirectories(target.getParent());
            moveAtomically(temp, target);
            fsyncDirectory(target.getParent());
        } catch (IOException e) {
            deleteQuietly(temp);
            throw translate("write " + storageKey, e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    @Override
    public InputStream open(String storageKey, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(pathOf(storageKey), StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(new BufferedInputStream(Channels.newInputStream(channel), IO_CHUNK), length);
        } catch (IOException e) {
            throw translate("read " + storageKey, e);
        }
    }

    @Override
    public void delete(String storageKey) {
        try {
            Files.deleteIfExists(pathOf(storageKey));
        } catch (IOException e) {
            throw translate("delete " + storageKey, e);
        }
    }

    @Override
    public void forEachObjectOlderThan(Instant before, Consumer<String> visitor) {
        FileTime cutoff = FileTime.from(before);
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(incoming))
                    .filter(p -> lastModified(p).compareTo(cutoff) < 0)
                    .forEach(p -> visitor.accept(root.relativize(p).toString().replace('\\', '/')));
        } catch (IOException | UncheckedIOException e) {
            throw new StorageUnavailableException("cannot list blob directory", e);
        }
    }

    @Override
    public boolean isHealthy() {
        return Files.isDirectory(incoming) && Files.isWritable(incoming);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "filesystem");
        d.put("dir", root.toString());
        return d;
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }

    private Path pathOf(String storageKey) {
        Path path = root.resolve(storageKey).normalize();
        if (!path.startsWith(root) || path.startsWith(incoming)) {
            throw new IllegalArgumentException("storage key escapes the blob directory: " + storageKey);
        }
        return path;
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for fsync; the rename itself is still atomic
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.from(Instant.MAX);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the orphan sweep removes what is left
        }
    }

    private static RuntimeException translate(String action, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new StorageUnavailableException("blob missing on " + action, e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left") || message.contains("Disk quota exceeded")) {
            return new StorageFullException("blob directory is full", e);
        }
        return new StorageUnavailableException("blob store failed to " + action, e);
    }
}
