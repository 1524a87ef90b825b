package dev.strata.service;

import dev.strata.domain.IdempotencyEntry;
import dev.strata.domain.IdempotencyKeyInFlightException;
import dev.strata.domain.IdempotencyKeyReusedException;
import dev.strata.domain.InvalidInputException;
import dev.strata.domain.UserId;
import dev.strata.domain.WriteRequest;
import dev.strata.port.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} handling, scoped per user: a repeat of a finished request replays its result, the same
 * key with a different request is refused (422), and a repeat while the first still runs is refused (409).
 * A failed request frees its key (in the background when the store was unavailable); an unfinished one frees it
 * when its lease ends. Keys expire after the TTL.
 */
public final class IdempotencyGuard {
    private static final Pattern KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final RecordStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Duration lease;
    private final Executor background;

    /** @param background runs the release of keys whose write failed because the store was unavailable */
    public IdempotencyGuard(RecordStore store, Clock clock, Duration ttl, Duration lease, Executor background) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        this.lease = lease;
        this.background = background;
    }

    /** A write under the client's Idempotency-Key as its request id when given (checked), else under a fresh one. */
    public static WriteRequest request(UserId user, String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return new WriteRequest(user, UUID.randomUUID().toString(), fingerprint, false);
        }
        checkFormat(idempotencyKey);
        return new WriteRequest(user, idempotencyKey, fingerprint, true);
    }

    public <T> IdempotencyClaim<T> claim(UserId user, String key, String fingerprint, Class<T> resultType) {
        if (key == null) {
            return IdempotencyClaim.none();
        }
        checkFormat(key);
        long now = EpochMicros.now(clock);
        IdempotencyEntry claimed = new IdempotencyEntry(key, fingerprint, false, null,
                now + lease.toNanos() / 1000, now + ttl.toNanos() / 1000);
        Optional<String> earlierResult = store.write(user, tx -> {
            Optional<IdempotencyEntry> existing = tx.findIdempotencyKey(key).filter(e -> e.expiresAtMicros() > now);
            if (existing.isPresent()) {
                IdempotencyEntry e = existing.get();
                if (!e.fingerprint().equals(fingerprint)) {
                    throw new IdempotencyKeyReusedException("Idempotency-Key was already used for a different request");
                }
                if (e.completed()) {
                    return Optional.of(e.payload());
                }
                if (e.leaseUntilMicros() > now) {
                    throw new IdempotencyKeyInFlightException("a request with this Idempotency-Key is still in progress");
                }
            }
            tx.saveIdempotencyKey(claimed);
            return Optional.empty();
        });
        return earlierResult
                .map(payload -> IdempotencyClaim.replaying(WriteResults.decode(payload, resultType)))
                .orElseGet(() -> IdempotencyClaim.held(store, user, claimed, WriteResults::encode,
                        background));
    }

    private static void checkFormat(String key) {
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw new InvalidInputException("Idempotency-Key must be 1-255 visible ASCII characters");
        }
    }

    /** Drops keys past their TTL; returns how many. */
    public int purgeExpired() {
        return store.deleteExpiredIdempotencyKeys(EpochMicros.now(clock));
    }
}
