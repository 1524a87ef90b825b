package dev.strata.port;

import dev.strata.domain.RequestStatus;
import dev.strata.domain.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The metadata store: records, blob metadata, usage and idempotency keys, partitioned by user. Each call runs
 * {@code work} in one transaction on the one database that holds the user, and is thread-safe.
 * Failures to reach the database surface as {@link StorageUnavailableException}; exceptions thrown by
 * {@code work} roll the transaction back and propagate unchanged.
 */
public interface RecordStore extends AutoCloseable {

    /**
     * Reads of one user's rows. Each statement sees committed data; several statements in one call are not one
     * snapshot (use {@link #write} when they must agree).
     */
    <T> T read(UserId user, Function<UserData, T> work);

    /**
     * A read that sees every write committed before it started, even where {@link #read} may use a lagging read
     * replica. For results that outlive the request, such as cache fills shared by every replica.
     */
    default <T> T readLatest(UserId user, Function<UserData, T> work) {
        return read(user, work);
    }

    /** A read-write transaction that holds the user's usage row locked, so one user's writes apply one at a time. */
    <T> T write(UserId user, Function<UserData, T> work);

    /**
     * Inserts the status record of a queued write unless its request id already has one, durably, in a transaction of
     * its own that, unlike {@link #write}, locks none of the user's shared rows: a user's queued writes are acknowledged
     * side by side instead of one commit after another. Idempotent.
     */
    void insertRequestStatus(UserId user, RequestStatus status);

    /** Which of {@code storageKeys} some blob row points to (for the orphan sweep). */
    Set<String> referencedStorageKeys(Collection<String> storageKeys);

    /** Deletes idempotency keys that expired before {@code nowMicros}; returns how many. */
    int deleteExpiredIdempotencyKeys(long nowMicros);

    /**
     * Deletes the status records of queued writes that finished (persisted or failed) before
     * {@code finishedBeforeMicros}, in batches of bounded size, each its own short transaction; returns how many.
     */
    int deleteFinishedRequests(long finishedBeforeMicros);

    /**
     * Deletes the marks of queued writes applied before {@code appliedBeforeMicros} (the marks that make a redelivered
     * message a no-op), in batches like {@link #deleteFinishedRequests}; returns how many.
     */
    int deleteAppliedRequests(long appliedBeforeMicros);

    /**
     * Fails the status records still queued since before {@code queuedBeforeMicros}, with reason
     * {@link dev.strata.domain.FailureReason#EXPIRED}, {@code detail} and change time {@code nowMicros}, batched like
     * {@link #deleteFinishedRequests}; returns how many. Only a status still queued when the update reaches it
     * changes, so an outcome a worker recorded meanwhile stands; a worker locks the status before applying (see
     * {@link UserData#lockRequest}), so no write is applied after its request expired.
     */
    int expireQueuedRequests(long queuedBeforeMicros, long nowMicros, String detail);

    /**
     * Up to {@code limit} users that hold any row (record, blob, usage or idempotency key), in ascending user id
     * order of this store, starting after {@code afterUserId} (null: from the first). Paging with the last id
     * returned visits every user once while the store does not change. A store over several databases merges
     * them into one order. Used to copy and verify a whole store, user by user.
     */
    List<UserId> listUsers(String afterUserId, int limit);

    /**
     * Whether the store can serve requests now: its database answers a trivial query. A sharded store is healthy
     * while any shard answers, so one dead shard does not take every replica out of the load balancer.
     */
    boolean isHealthy();

    /** What this store is, for the topology view (never secrets). */
    Map<String, Object> describe();

    @Override
    void close();
}
