-- Each audit record says which version of Konbit's records it holds (the schema version it was
-- written under; the records before this migration are 1): `konbit check` compares a record
-- written by an older version on the fields it had, so that a field added since is not taken
-- for a change made behind Konbit's back. From this version on the format is in the chain.
ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
