-- Queued writes (millions tier). Both tables live on the user's shard, next to the user's data.

-- The durable 2nd ACK: a request id is inserted in the same transaction as its write, so a redelivered
-- message finds it and is skipped.
CREATE TABLE applied_requests (
    user_id    VARCHAR(128) NOT NULL,
    request_id VARCHAR(255) NOT NULL,
    applied_at BIGINT       NOT NULL,
    PRIMARY KEY (user_id, request_id)
);

-- One status record per request id: replays of an Idempotency-Key, long polls and the WebSocket read it.
CREATE TABLE request_status (
    user_id        VARCHAR(128) NOT NULL,
    request_id     VARCHAR(255) NOT NULL,
    operation      VARCHAR(32)  NOT NULL,
    fingerprint    CHAR(64)     NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    result_json    TEXT,
    failure_reason VARCHAR(32),
    failure_detail TEXT,
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    PRIMARY KEY (user_id, request_id)
);

CREATE INDEX request_status_changes ON request_status (user_id, updated_at);
CREATE INDEX request_status_backlog ON request_status (user_id, status);
