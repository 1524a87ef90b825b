package dev.strata.service;

import dev.strata.domain.BlobMetadata;
import dev.strata.domain.BlobName;
import dev.strata.domain.IdempotencyKeyReusedException;
import dev.strata.domain.InvalidInputException;
import dev.strata.domain.NotFoundException;
import dev.strata.domain.Page;
import dev.strata.domain.PayloadTooLargeException;
import dev.strata.domain.QueuedWrite;
import dev.strata.domain.Quotas;
import dev.strata.domain.Usage;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteCondition;
import dev.strata.domain.WriteOutcome;
import dev.strata.domain.WriteRequest;
import dev.strata.port.BlobStore;
import dev.strata.port.RecordStore;
import dev.strata.port.UserData;
import dev.strata.port.WriteQueue;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs: bytes streamed to the blob store first under a fresh storage key, then metadata committed with usage
 * and quotas in one transaction. A failed commit deletes the new bytes; replaced or deleted bytes are deleted
 * after the commit, and the orphan sweep removes whatever a crash left behind. In queued tiers the bytes are stored
 * in the request and only the metadata commit is queued; the worker applies it through the same transactional step.
 */
public final class BlobService {
    private static final Logger log = LoggerFactory.getLogger(BlobService.class);
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final Duration DIRECT_DOWNLOAD_VALIDITY = Duration.ofMinutes(5);

    private final RecordStore store;
    private final BlobStore blobs;
    private final IdempotencyGuard idempotency;
    private final Quotas quotas;
    private final long maxBlobBytes;
    private final WriteQueue queue;
    private final Clock clock;

    public BlobService(RecordStore store, BlobStore blobs, IdempotencyGuard idempotency, Quotas quotas,
                       long maxBlobBytes, WriteQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.blobs = blobs;
        this.idempotency = idempotency;
        this.quotas = quotas;
        this.maxBlobBytes = maxBlobBytes;
        this.clock = clock;
    }

    /**
     * Validates the upload, then commits it now or stores the bytes and queues the metadata commit, as the tier's
     * write queue does.
     *
     * @param declaredLength the request's Content-Length, or -1 when the body is chunked
     */
    public WriteOutcome<BlobWrite> put(UserId user, BlobName name, String contentType, long declaredLength,
                                       InputStream body, WriteCondition condition, String idempotencyKey) {
        String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType.strip();
        if (!CONTENT_TYPE.matcher(type).matches()) {
            throw new InvalidInputException("Content-Type must be 1-255 visible ASCII characters");
        }
        if (declaredLength > maxBlobBytes) {
            throw new PayloadTooLargeException("blob is larger than " + maxBlobBytes + " bytes");
        }
        WriteRequest request = IdempotencyGuard.request(user, idempotencyKey, Fingerprint.of("blob.put", name, type, condition));
        return queue.submit(request,
                () -> storeForQueue(request, name, type, declaredLength, body, condition),
                () -> putNow(user, name, type, declaredLength, body, condition, idempotencyKey, request.fingerprint()));
    }

    public BlobMetadata head(UserId user, BlobName name) {
        return store.read(user, tx -> tx.findBlob(name)).orElseThrow(() -> notFound(name));
    }

    /** Opens {@code length} bytes from {@code offset} of a blob whose metadata the caller read with {@link #head}. */
    public BlobContent open(BlobMetadata blob, long offset, long length) {
        return new BlobContent(blob, offset, length, blobs.open(blob.storageKey(), offset, length));
    }

    /** A short-lived URL to the blob's bytes in the blob store itself, when the store offers one. */
    public Optional<URI> directDownload(BlobMetadata blob) {
        return blobs.presignedGet(blob.storageKey(), DIRECT_DOWNLOAD_VALIDITY);
    }

    public WriteOutcome<Removal> delete(UserId user, BlobName name, WriteCondition condition, String idempotencyKey) {
        WriteRequest request = IdempotencyGuard.request(user, idempotencyKey, Fingerprint.of("blob.delete", name, condition));
        return queue.submit(request, () -> QueuedWrite.blobDelete(request, name, condition),
                () -> deleteNow(user, name, condition, idempotencyKey, request.fingerprint()));
    }

    public Page<BlobMetadata> list(UserId user, String prefix, String cursor, Integer limit) {
        int pageSize = ListCursor.limit(limit);
        String after = ListCursor.decode(cursor);
        List<BlobMetadata> rows = store.read(user, tx -> tx.listBlobs(prefix, after, pageSize + 1));
        return ListCursor.page(rows, pageSize, b -> b.name().value());
    }

    /** Fails fast, before any byte is stored, when the write cannot succeed. */
    private void precheck(UserId user, BlobName name, WriteCondition condition, long declaredLength) {
        store.read(user, tx -> {
            Optional<BlobMetadata> current = tx.findBlob(name);
            condition.check(current.map(BlobMetadata::etag).orElse(null));
            long replaced = current.map(BlobMetadata::size).orElse(0L);
            quotas.check(tx.usage().plusBlob(current.isPresent() ? 0 : 1, declaredLength - replaced));
            return null;
        });
    }

    private BlobWrite putNow(UserId user, BlobName name, String type, long declaredLength, InputStream body,
                             WriteCondition condition, String idempotencyKey, String fingerprint) {
        IdempotencyClaim<BlobWrite> claim = idempotency.claim(user, idempotencyKey, fingerprint, BlobWrite.class);
        MeasuredInputStream measured = new MeasuredInputStream(body, maxBlobBytes);
        Optional<BlobWrite> replay = claim.replay();
        if (replay.isPresent()) {
            return confirmReplay(replay.get(), measured);
        }
        return claim.run(() -> {
            precheck(user, name, condition, Math.max(0, declaredLength));
            String storageKey = StorageKeys.next(user);
            blobs.write(storageKey, measured);
            try {
                Committed committed = store.write(user, tx -> {
                    Committed c = applyPut(tx, user, name, type, storageKey, measured.count(), measured.sha256Hex(), condition);
                    claim.complete(tx, c.write());
                    return c;
                });
                afterCommit(committed);
                return committed.write();
            } catch (RuntimeException e) {
                discard(storageKey);
                throw e;
            }
        });
    }

    /** The queued path's first half: the bytes go to the blob store now, only the metadata commit is queued. */
    private QueuedWrite storeForQueue(WriteRequest request, BlobName name, String type, long declaredLength,
                                      InputStream body, WriteCondition condition) {
        precheck(request.user(), name, condition, Math.max(0, declaredLength));
        String storageKey = StorageKeys.next(request.user());
        MeasuredInputStream measured = new MeasuredInputStream(body, maxBlobBytes);
        blobs.write(storageKey, measured);
        return QueuedWrite.blobPut(request, name, condition, storageKey, measured.count(), measured.sha256Hex(), type);
    }

    private Removal deleteNow(UserId user, BlobName name, WriteCondition condition, String idempotencyKey,
                              String fingerprint) {
        IdempotencyClaim<Removal> claim = idempotency.claim(user, idempotencyKey, fingerprint, Removal.class);
        Optional<Removal> replay = claim.replay();
        if (replay.isPresent()) {
            return replay.get();
        }
        BlobMetadata removed = claim.run(() -> store.write(user, tx -> {
            BlobMetadata current = applyDelete(tx, name, condition);
            claim.complete(tx, new Removal(name.value()));
            return current;
        }));
        discard(removed.storageKey());
        return new Removal(name.value());
    }

    /**
     * The transactional step of a blob commit, shared by the request path and the worker. Every check (precondition,
     * quota) runs before the first write, so a refusal leaves the transaction untouched.
     */
    Committed applyPut(UserData tx, UserId user, BlobName name, String type, String storageKey, long size,
                       String sha256, WriteCondition condition) {
        Optional<BlobMetadata> current = tx.findBlob(name);
        condition.check(current.map(BlobMetadata::etag).orElse(null));
        long now = EpochMicros.now(clock);
        BlobMetadata next = current
                .map(old -> new BlobMetadata(user, name, storageKey, size, sha256, type, old.version() + 1,
                        old.createdAtMicros(), Math.max(now, old.updatedAtMicros())))
                .orElseGet(() -> new BlobMetadata(user, name, storageKey, size, sha256, type, 1, now, now));
        Usage usage = tx.usage();
        Usage after = current
                .map(old -> usage.plusBlob(0, size - old.size()))
                .orElseGet(() -> usage.plusBlob(1, size));
        quotas.check(after);
        if (current.isPresent()) {
            tx.updateBlob(next);
        } else {
            tx.insertBlob(next);
        }
        tx.saveUsage(after);
        return new Committed(new BlobWrite(next, current.isEmpty()), current.map(BlobMetadata::storageKey).orElse(null));
    }

    /** The transactional step of a blob DELETE; returns the removed metadata, whose bytes go after the commit. */
    BlobMetadata applyDelete(UserData tx, BlobName name, WriteCondition condition) {
        BlobMetadata current = tx.findBlob(name).orElseThrow(() -> notFound(name));
        condition.check(current.etag());
        tx.deleteBlob(name);
        tx.saveUsage(tx.usage().plusBlob(-1, -current.size()));
        return current;
    }

    /** After a commit: the bytes a replaced blob had are no longer referenced. */
    void afterCommit(Committed committed) {
        if (committed.replacedStorageKey() != null) {
            discard(committed.replacedStorageKey());
        }
    }

    /** A replayed upload must carry the same bytes as the original; the body is read only to compare hashes. */
    private static BlobWrite confirmReplay(BlobWrite original, MeasuredInputStream body) {
        body.drain();
        if (!body.sha256Hex().equals(original.blob().sha256())) {
            throw new IdempotencyKeyReusedException("Idempotency-Key was already used for different content");
        }
        return original;
    }

    /** Deletes bytes no metadata points to; a failure is left to the orphan sweep. */
    void discard(String storageKey) {
        try {
            blobs.delete(storageKey);
        } catch (RuntimeException e) {
            log.warn("could not delete blob object {}; the orphan sweep will remove it", storageKey, e);
        }
    }

    private static NotFoundException notFound(BlobName name) {
        return new NotFoundException("no blob '" + name + "'");
    }

    record Committed(BlobWrite write, String replacedStorageKey) {
    }
}
