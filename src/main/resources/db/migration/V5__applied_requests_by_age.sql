-- The housekeeping sweep of applied_requests looks marks up by age across all users.
CREATE INDEX applied_requests_by_age ON applied_requests (applied_at);
