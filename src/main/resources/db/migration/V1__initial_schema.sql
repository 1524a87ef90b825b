-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL; ${keyCollation} orders keys bytewise on PostgreSQL.
-- Times are epoch microseconds (BIGINT) so no database's time zone handling is involved.

CREATE TABLE records (
    user_id     VARCHAR(128)  NOT NULL,
    record_key  VARCHAR(1024) ${keyCollation} NOT NULL,
    value_json  TEXT          NOT NULL,
    value_bytes INTEGER       NOT NULL,
    version     BIGINT        NOT NULL,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL,
    PRIMARY KEY (user_id, record_key)
);

CREATE TABLE blobs (
    user_id      VARCHAR(128)  NOT NULL,
    blob_name    VARCHAR(1024) ${keyCollation} NOT NULL,
    storage_key  VARCHAR(256)  NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    sha256       CHAR(64)      NOT NULL,
    content_type VARCHAR(255)  NOT NULL,
    version      BIGINT        NOT NULL,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    PRIMARY KEY (user_id, blob_name)
);

CREATE UNIQUE INDEX blobs_storage_key ON blobs (storage_key);

CREATE TABLE usage (
    user_id      VARCHAR(128) NOT NULL PRIMARY KEY,
    records      BIGINT       NOT NULL DEFAULT 0,
    record_bytes BIGINT       NOT NULL DEFAULT 0,
    blobs        BIGINT       NOT NULL DEFAULT 0,
    blob_bytes   BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE idempotency_keys (
    user_id     VARCHAR(128) NOT NULL,
    idem_key    VARCHAR(255) NOT NULL,
    fingerprint CHAR(64)     NOT NULL,
    completed   BOOLEAN      NOT NULL,
    payload     TEXT,
    lease_until BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
