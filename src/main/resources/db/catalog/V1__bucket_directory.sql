-- The bucket directory, only in the first shard, in its own schema strata_catalog with its own Flyway history.
CREATE TABLE shard_catalog (
    shard_id   VARCHAR(64)   NOT NULL PRIMARY KEY,
    position   INTEGER       NOT NULL UNIQUE,
    jdbc_url   VARCHAR(1024) NOT NULL
);

-- One row per directory version; shard_indexes holds, for each bucket in order, the index into shard_ids.
CREATE TABLE bucket_directory (
    version       BIGINT  NOT NULL PRIMARY KEY,
    buckets       INTEGER NOT NULL,
    shard_ids     TEXT    NOT NULL,
    shard_indexes TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);
