-- The housekeeping sweeps of request_status look rows up by status and age across all users: finished statuses past
-- their retention are deleted, statuses queued for too long are failed as expired.
CREATE INDEX request_status_by_age ON request_status (status, updated_at);
