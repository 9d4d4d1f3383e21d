-- The legal committee's vault (legal/vault.rs): the Argon2id salt and costs, and the data key
-- wrapped by the key the committee's passphrase derives. Neither the passphrase nor a key is
-- stored. The details of restricted cases are sealed under the data key in their own columns
-- (`kv1:…`); the client of a restricted case moves to `sealed_client`, its `client_id` left empty.
CREATE TABLE legal_vault (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    m_cost      INTEGER NOT NULL CHECK (m_cost >= 8192),
    t_cost      INTEGER NOT NULL CHECK (t_cost >= 1),
    p_cost      INTEGER NOT NULL CHECK (p_cost >= 1),
    salt        BLOB NOT NULL CHECK (length(salt) = 16),
    wrapped_key BLOB NOT NULL CHECK (length(wrapped_key) = 24 + 32 + 16),
    created_at  TEXT NOT NULL
);
CREATE TRIGGER legal_vault_kept BEFORE DELETE ON legal_vault
BEGIN SELECT RAISE(ABORT, 'the legal vault cannot be removed: the restricted cases would never open again'); END;

ALTER TABLE legal_cases ADD COLUMN sealed_client TEXT;

-- A disclosure and its notes never change, but the words of one are sealed when its case is
-- restricted and opened again when it is not: the one change allowed, in the direction the
-- case's flag says, every other column as it was.
DROP TRIGGER legal_disclosures_frozen_update;
CREATE TRIGGER legal_disclosures_frozen_update BEFORE UPDATE ON legal_disclosures
WHEN NOT (
    NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.disclosed_on = OLD.disclosed_on AND NEW.written_at = OLD.written_at
    AND (substr(OLD.what, 1, 4) = 'kv1:') <> (substr(NEW.what, 1, 4) = 'kv1:')
    AND (substr(NEW.what, 1, 4) = 'kv1:') = (SELECT restricted = 1 FROM legal_cases WHERE id = NEW.case_id)
    AND (substr(NEW.what, 1, 4) = 'kv1:') = (substr(NEW.recipient, 1, 4) = 'kv1:')
    AND (substr(NEW.what, 1, 4) = 'kv1:') = (substr(NEW.authority, 1, 4) = 'kv1:')
    AND (substr(NEW.what, 1, 4) = 'kv1:') = (substr(NEW.decided_by, 1, 4) = 'kv1:'))
BEGIN SELECT RAISE(ABORT, 'a disclosure once logged cannot be changed; add a note to it'); END;
DROP TRIGGER legal_disclosure_notes_frozen_update;
CREATE TRIGGER legal_disclosure_notes_frozen_update BEFORE UPDATE ON legal_disclosure_notes
WHEN NOT (
    NEW.id = OLD.id AND NEW.disclosure_id = OLD.disclosure_id AND NEW.written_at = OLD.written_at
    AND (substr(OLD.text, 1, 4) = 'kv1:') <> (substr(NEW.text, 1, 4) = 'kv1:')
    AND (substr(NEW.text, 1, 4) = 'kv1:') = (SELECT k.restricted = 1 FROM legal_disclosures d JOIN legal_cases k ON k.id = d.case_id WHERE d.id = NEW.disclosure_id))
BEGIN SELECT RAISE(ABORT, 'a note on a disclosure cannot be changed; add another note'); END;
