-- The audit log of money and legal records, a hash chain: each row carries the SHA-256 of the
-- row before it (computed by Konbit), so a row changed, removed or inserted elsewhere shows.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL,
    -- The record as it became, as JSON; null once deleted.
    data      TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);
CREATE TRIGGER audit_log_frozen_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER audit_log_frozen_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
