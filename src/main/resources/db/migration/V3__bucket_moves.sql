-- Online resharding (reshard). Both tables are per shard; on H2 and single PostgreSQL they stay empty.

-- The fence of a bucket on this shard while reshard moves it away: 'frozen' until frozen_until (epoch millis of the
-- database clock), writers wait and then get 503; 'moved' once the copy elsewhere is final, readers and writers go
-- back to the directory. No row: open.
CREATE TABLE bucket_fence (
    bucket       INTEGER     NOT NULL PRIMARY KEY,
    state        VARCHAR(16) NOT NULL,
    frozen_until BIGINT      NOT NULL
);

-- Which users of which bucket live here, and a change number bumped by every write transaction, so reshard can
-- list a bucket's users without hashing every row and re-copy only the users that changed since its last pass.
CREATE SEQUENCE user_change_seq;

CREATE TABLE user_changes (
    user_id    VARCHAR(128) NOT NULL PRIMARY KEY,
    bucket     INTEGER      NOT NULL,
    change_seq BIGINT       NOT NULL
);

CREATE INDEX user_changes_by_bucket ON user_changes (bucket, change_seq);
