package dev.strata.migrate;

import dev.strata.bootstrap.TierStores;
import dev.strata.domain.BlobMetadata;
import dev.strata.domain.UserId;
import dev.strata.port.StorageUnavailableException;
import dev.strata.service.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Blob bytes and metadata. Bytes keep their storage keys (already spread by user hash), so the target's rows
 * point at the same names and a rerun overwrites an object with the same bytes instead of leaving orphans.
 * Bytes are written before the metadata row, so a row in the target proves its bytes are there: a resumed
 * copy skips blobs whose row already matches. When both tiers use the same blob store (thousands to millions
 * on one bucket), the bytes are already in place and only the metadata is copied.
 */
final class BlobsPart implements UserPart {

    @Override
    public String name() {
        return "blobs";
    }

    @Override
    public void copy(UserId user, TierStores source, TierStores target, Progress progress) {
        boolean bytesInPlace = StoreLocations.sameBlobStore(source.blobs(), target.blobs());
        forEachPage(user, source, page -> {
            List<Optional<BlobMetadata>> copied = target.records().read(user,
                    data -> page.stream().map(b -> data.findBlob(b.name())).toList());
            for (int i = 0; i < page.size(); i++) {
                BlobMetadata blob = page.get(i);
                if (!bytesInPlace && !copied.get(i).equals(Optional.of(blob))) {
                    copyBytes(blob, source, target);
                }
                progress.add(new Totals(0, 0, 1, blob.size()));
            }
            target.records().write(user, data -> {
                page.forEach(data::importBlob);
                return null;
            });
        });
    }

    @Override
    public Map<String, String> checksums(UserId user, TierStores stores) {
        Map<String, String> checksums = new LinkedHashMap<>();
        forEachPage(user, stores, page -> page.forEach(b -> checksums.put(b.name().value(),
                Fingerprint.of(b.size(), b.sha256(), b.contentType(), b.version(), b.createdAtMicros(),
                        b.updatedAtMicros(), sha256OfStoredBytes(b, stores)))));
        return checksums;
    }

    private static void copyBytes(BlobMetadata blob, TierStores source, TierStores target) {
        try (InputStream bytes = source.blobs().open(blob.storageKey(), 0, blob.size())) {
            target.blobs().write(blob.storageKey(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + blob.storageKey() + " from the source", e);
        }
    }

    private static String sha256OfStoredBytes(BlobMetadata blob, TierStores stores) {
        MessageDigest sha256 = Fingerprint.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream bytes = stores.blobs().open(blob.storageKey(), 0, blob.size())) {
            for (int n = bytes.read(buffer); n >= 0; n = bytes.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        } catch (IOException | StorageUnavailableException e) {
            return "unreadable: " + e.getMessage();
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void forEachPage(UserId user, TierStores stores, Consumer<List<BlobMetadata>> action) {
        Pages.forEach(null, after -> stores.records().read(user, data -> data.listBlobs("", after, Pages.SIZE)),
                b -> b.name().value(), action);
    }
}
