-- Reshard plans and the step each moving bucket has reached, so a rerun continues where a crash left off.
CREATE TABLE reshard_plan (
    plan_id        BIGINT      NOT NULL PRIMARY KEY,
    state          VARCHAR(16) NOT NULL,      -- running, done
    from_version   BIGINT      NOT NULL,      -- the directory version the plan started from (the rollback goal)
    goal_shard_ids TEXT        NOT NULL,
    goal_indexes   TEXT        NOT NULL,
    created_at     BIGINT      NOT NULL
);

CREATE UNIQUE INDEX reshard_plan_one_running ON reshard_plan (state) WHERE state = 'running';

CREATE TABLE reshard_bucket (
    plan_id     BIGINT      NOT NULL REFERENCES reshard_plan (plan_id),
    bucket      INTEGER     NOT NULL,
    from_shard  VARCHAR(64) NOT NULL,
    to_shard    VARCHAR(64) NOT NULL,
    step        VARCHAR(16) NOT NULL,         -- pending, copied, frozen, published, cleaned
    change_mark BIGINT      NOT NULL DEFAULT 0,
    rows_copied BIGINT      NOT NULL DEFAULT 0,
    updated_at  BIGINT      NOT NULL,
    PRIMARY KEY (plan_id, bucket)
);
