package dev.strata.service;

import dev.strata.domain.IdempotencyEntry;
import dev.strata.domain.UserId;
import dev.strata.port.RecordStore;
import dev.strata.port.StorageUnavailableException;
import dev.strata.port.UserData;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hold one request has on its {@code Idempotency-Key}: either a stored result to replay, or the right to run
 * and record its result in the same transaction as its write. Without a key, it does nothing.
 */
public final class IdempotencyClaim<T> {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyClaim.class);

    private final T replay;
    private final RecordStore store;
    private final UserId user;
    private final IdempotencyEntry entry;
    private final Function<T, String> encoder;
    private final Executor background;

    private IdempotencyClaim(T replay, RecordStore store, UserId user, IdempotencyEntry entry,
                             Function<T, String> encoder, Executor background) {
        this.replay = replay;
        this.store = store;
        this.user = user;
        this.entry = entry;
        this.encoder = encoder;
        this.background = background;
    }

    static <T> IdempotencyClaim<T> none() {
        return new IdempotencyClaim<>(null, null, null, null, null, null);
    }

    static <T> IdempotencyClaim<T> replaying(T result) {
        return new IdempotencyClaim<>(result, null, null, null, null, null);
    }

    static <T> IdempotencyClaim<T> held(RecordStore store, UserId user, IdempotencyEntry entry,
                                        Function<T, String> encoder, Executor background) {
        return new IdempotencyClaim<>(null, store, user, entry, encoder, background);
    }

    /** The earlier request's result, when this request repeats one that finished. */
    public Optional<T> replay() {
        return Optional.ofNullable(replay);
    }

    /** Records {@code result} for replays, inside the transaction that wrote it. */
    public void complete(UserData tx, T result) {
        if (entry != null) {
            tx.saveIdempotencyKey(new IdempotencyEntry(entry.key(), entry.fingerprint(), true, encoder.apply(result),
                    entry.leaseUntilMicros(), entry.expiresAtMicros()));
        }
    }

    /**
     * Runs {@code work}; when it fails, frees the key so the client may retry with it. When the store was unavailable
     * the key is freed in the background: the client's 503 must not wait out the store's timeout a second time.
     */
    public <R> R run(Supplier<R> work) {
        try {
            return work.get();
        } catch (StorageUnavailableException e) {
            if (entry != null) {
                background.execute(this::release);
            }
            throw e;
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    private void release() {
        if (entry == null) {
            return;
        }
        try {
            store.write(user, tx -> {
                tx.findIdempotencyKey(entry.key())
                        .filter(current -> !current.completed() && current.fingerprint().equals(entry.fingerprint()))
                        .ifPresent(current -> tx.deleteIdempotencyKey(current.key()));
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("could not release idempotency key of user {}; it frees itself when its lease ends", user, e);
        }
    }
}
