package dev.strata.reshard;

import dev.strata.domain.sharding.BucketHasher;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Which users of a bucket a shard holds, from its {@code user_changes} table (every write transaction of the sharded
 * store notes its user there), and which of them changed after a mark.
 */
final class BucketUsers {
    /** Every table with per-user rows, in the order rows are copied and compared. */
    static final List<String> TABLES =
            List.of("records", "blobs", "usage", "idempotency_keys", "applied_requests", "request_status");
    private static final String ANY_USER = String.join(" UNION ", TABLES.stream().map(t -> "SELECT user_id FROM " + t).toList());

    private BucketUsers() {
    }

    static List<String> of(Handle h, int bucket) {
        return h.createQuery("SELECT user_id FROM user_changes WHERE bucket = :b ORDER BY user_id")
                .bind("b", bucket).mapTo(String.class).list();
    }

    /** The highest change number of the bucket so far; users changed later have a higher one. */
    static long changeMark(Handle h, int bucket) {
        return h.createQuery("SELECT coalesce(max(change_seq), 0) FROM user_changes WHERE bucket = :b")
                .bind("b", bucket).mapTo(Long.class).one();
    }

    static List<String> changedAfter(Handle h, int bucket, long mark) {
        return h.createQuery("SELECT user_id FROM user_changes WHERE bucket = :b AND change_seq > :m ORDER BY user_id")
                .bind("b", bucket).bind("m", mark).mapTo(String.class).list();
    }

    /** Every user with rows on the shard, whether or not it wrote since user_changes existed. Scans every table. */
    static List<String> present(Handle h) {
        return h.createQuery(ANY_USER).mapTo(String.class).list();
    }

    /**
     * Notes the users that have rows but no user_changes entry (they last wrote before the table existed), so the
     * bucket lists are complete. Scans every table once; concurrent writers note themselves.
     */
    static int registerUnlisted(Handle h, BucketHasher hasher) {
        List<String> unlisted = h.createQuery("SELECT user_id FROM (" + ANY_USER + ") u"
                        + " WHERE NOT EXISTS (SELECT 1 FROM user_changes c WHERE c.user_id = u.user_id)")
                .mapTo(String.class).list();
        note(h, unlisted, hasher);
        return unlisted.size();
    }

    /** Lists copied users on the target too, so a later move or clean-up finds them. */
    static void note(Handle h, List<String> users, BucketHasher hasher) {
        var batch = h.prepareBatch("INSERT INTO user_changes (user_id, bucket, change_seq) VALUES (:u, :b, 0)"
                + " ON CONFLICT (user_id) DO NOTHING");
        for (String user : users) {
            batch.bind("u", user).bind("b", hasher.bucketOf(user)).add();
        }
        if (!users.isEmpty()) {
            batch.execute();
        }
    }
}
