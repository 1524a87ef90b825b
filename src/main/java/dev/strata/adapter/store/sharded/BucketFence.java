package dev.strata.adapter.store.sharded;

import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * The per-bucket write fence on one shard, shared by the writers of the sharded store and by {@code reshard}.
 * <p>
 * Every write transaction takes a shared advisory lock on its bucket and then reads the bucket's fence row; freezing
 * takes the same lock exclusively. So the freeze commits only once every write transaction already past the check has
 * ended, and every write transaction after it sees the freeze: no timing assumption about replicas, polls or
 * in-flight requests is involved. Times come from the shard's own clock, so a freeze expires identically for all.
 */
public final class BucketFence {
    private static final long LOCK_SPACE = 0x5354524200000000L;
    private static final String DB_NOW_MILLIS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    /** What a transaction found for its bucket. */
    public enum State { OPEN, FROZEN, MOVED }

    private BucketFence() {
    }

    /** For a write transaction: waits out a freeze being set, then returns the state (an expired freeze is open). */
    static State enterWrite(Handle h, int bucket) {
        h.execute("SELECT pg_advisory_xact_lock_shared(?)", LOCK_SPACE | bucket);
        return state(h, bucket);
    }

    /** Records that the user changed in this transaction, so reshard's catch-up finds it. */
    static void noteChange(Handle h, String user, int bucket) {
        h.createUpdate("INSERT INTO user_changes (user_id, bucket, change_seq) VALUES (:u, :b, nextval('user_change_seq'))"
                        + " ON CONFLICT (user_id) DO UPDATE SET change_seq = excluded.change_seq")
                .bind("u", user).bind("b", bucket).execute();
    }

    /**
     * Records that the shard holds rows of the user, keeping the change number of a user it already knows. The entry is
     * looked for first so that a known user's entry is only read, never waited for while a write transaction holds it.
     */
    static void noteUser(Handle h, String user, int bucket) {
        h.createUpdate("INSERT INTO user_changes (user_id, bucket, change_seq) SELECT :u, :b, nextval('user_change_seq')"
                        + " WHERE NOT EXISTS (SELECT 1 FROM user_changes WHERE user_id = :u) ON CONFLICT (user_id) DO NOTHING")
                .bind("u", user).bind("b", bucket).execute();
    }

    /** The bucket's state on this shard now. */
    public static State state(Handle h, int bucket) {
        return h.createQuery("SELECT state, frozen_until > " + DB_NOW_MILLIS + " FROM bucket_fence WHERE bucket = :b")
                .bind("b", bucket)
                .map((rs, ctx) -> "moved".equals(rs.getString(1)) ? State.MOVED : rs.getBoolean(2) ? State.FROZEN : State.OPEN)
                .findOne()
                .orElse(State.OPEN);
    }

    /**
     * Freezes (or re-freezes) the bucket for {@code lease}, waiting at most {@code lockWait} for write transactions in
     * flight. Returns once none is left and new ones wait; a crashed caller's freeze simply expires.
     */
    public static void freeze(Handle h, int bucket, Duration lease, Duration lockWait) {
        h.useTransaction(tx -> {
            lockExclusively(tx, bucket, lockWait);
            tx.createUpdate("INSERT INTO bucket_fence (bucket, state, frozen_until) VALUES (:b, 'frozen', " + DB_NOW_MILLIS
                            + " + :lease) ON CONFLICT (bucket) DO UPDATE SET state = 'frozen', frozen_until = excluded.frozen_until")
                    .bind("b", bucket).bind("lease", lease.toMillis()).execute();
        });
    }

    /**
     * Turns a freeze that has not expired into the permanent 'moved' fence. False when the freeze had expired (writes
     * may have happened since it was set), so the caller must freeze and verify again.
     */
    public static boolean seal(Handle h, int bucket, Duration lockWait) {
        return h.inTransaction(tx -> {
            lockExclusively(tx, bucket, lockWait);
            return tx.createUpdate("UPDATE bucket_fence SET state = 'moved' WHERE bucket = :b AND state = 'frozen'"
                    + " AND frozen_until > " + DB_NOW_MILLIS).bind("b", bucket).execute() == 1;
        });
    }

    /** Lifts a freeze that was not sealed (a failed or rolled back move). */
    public static void unfreeze(Handle h, int bucket) {
        h.createUpdate("DELETE FROM bucket_fence WHERE bucket = :b AND state = 'frozen'").bind("b", bucket).execute();
    }

    /** Opens the bucket on the shard that is about to own it (it may carry a 'moved' fence from an earlier move away). */
    public static void open(Handle h, int bucket) {
        h.createUpdate("DELETE FROM bucket_fence WHERE bucket = :b").bind("b", bucket).execute();
    }

    private static void lockExclusively(Handle tx, int bucket, Duration lockWait) {
        tx.execute("SET LOCAL lock_timeout = " + Math.max(1, lockWait.toMillis()));
        tx.execute("SELECT pg_advisory_xact_lock(?)", LOCK_SPACE | bucket);
    }
}
