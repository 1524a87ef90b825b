package dev.strata.adapter.store.sharded;

import dev.strata.domain.sharding.BucketAssignment;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the catalog schema {@code strata_catalog} (on the first shard): directory versions and shard URLs. Used
 * by every replica's directory and by reshard, which publishes new versions.
 */
public final class DirectoryCatalog {

    private DirectoryCatalog() {
    }

    /** Brings the catalog schema up to date. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/catalog")
                .schemas("strata_catalog").table("strata_catalog_history").load().migrate();
    }

    public static Optional<Long> newestVersion(Handle h) {
        return h.createQuery("SELECT max(version) FROM strata_catalog.bucket_directory").mapTo(Long.class).findOne();
    }

    /** The newest directory version. */
    public static BucketAssignment newest(Handle h) {
        return version(h, newestVersion(h).orElseThrow(() -> new IllegalStateException("the bucket directory is empty")));
    }

    public static BucketAssignment version(Handle h, long version) {
        var row = h.createQuery("SELECT shard_ids, shard_indexes FROM strata_catalog.bucket_directory WHERE version = :v")
                .bind("v", version).mapToMap().one();
        return BucketAssignment.of(version, List.of(((String) row.get("shard_ids")).split(",")),
                parseIndexes((String) row.get("shard_indexes")));
    }

    /** Stores a directory version; fails if that version number exists (someone else published first). */
    public static void insert(Handle h, BucketAssignment assignment, long nowMillis) {
        h.createUpdate("INSERT INTO strata_catalog.bucket_directory (version, buckets, shard_ids, shard_indexes, created_at)"
                        + " VALUES (:v, :b, :ids, :idx, :at)")
                .bind("v", assignment.version()).bind("b", assignment.buckets())
                .bind("ids", String.join(",", assignment.shardIds()))
                .bind("idx", formatIndexes(assignment.shardIndexByBucket()))
                .bind("at", nowMillis)
                .execute();
    }

    /** Every shard the catalog knows, in position order: id to JDBC URL. */
    public static Map<String, String> shardUrls(Handle h) {
        Map<String, String> urls = new LinkedHashMap<>();
        h.createQuery("SELECT shard_id, jdbc_url FROM strata_catalog.shard_catalog ORDER BY position").mapToMap()
                .forEach(r -> urls.put((String) r.get("shard_id"), (String) r.get("jdbc_url")));
        return Collections.unmodifiableMap(urls);
    }

    /** Adds a shard after the known ones. */
    public static void addShard(Handle h, String id, String url) {
        h.createUpdate("INSERT INTO strata_catalog.shard_catalog (shard_id, position, jdbc_url)"
                        + " SELECT :id, coalesce(max(position) + 1, 0), :url FROM strata_catalog.shard_catalog")
                .bind("id", id).bind("url", url).execute();
    }

    public static String formatIndexes(int[] indexes) {
        return Arrays.stream(indexes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    public static int[] parseIndexes(String text) {
        return Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
