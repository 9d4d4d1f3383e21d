-- The legal committee's files: cases with their parties, timeline, deadlines and documents, the
-- expenses and hours they cost, and the log of every disclosure of client information, which
-- cannot be changed once written, only annotated.

CREATE TABLE legal_cases (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('formal_notice', 'injunction', 'lawsuit', 'fraud', 'takedown_request', 'other')),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- Court file, police report, credit union file…
    reference    TEXT NOT NULL DEFAULT '',
    client_id    INTEGER REFERENCES clients (id),
    sites        TEXT NOT NULL DEFAULT '',
    server       TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'closed')),
    opened_on    TEXT NOT NULL,
    closed_on    TEXT,
    -- Restricted: details only after an explicit unlock; reports show kind, dates and cost.
    restricted   INTEGER NOT NULL CHECK (restricted IN (0, 1)),
    summary      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
    CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX legal_cases_by_date ON legal_cases (opened_on);

CREATE TABLE legal_parties (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES legal_cases (id),
    role     TEXT NOT NULL CHECK (role IN ('plaintiff', 'defendant', 'our_client', 'lawyer', 'court', 'police', 'bank', 'other')),
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    details  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX legal_parties_by_case ON legal_parties (case_id);

CREATE TABLE legal_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES legal_cases (id),
    happened_on TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('notice_received', 'answer_sent', 'client_informed', 'content_removed', 'hearing', 'order',
                                              'disclosure', 'settlement', 'closed', 'other')),
    text        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX legal_events_by_case ON legal_events (case_id, happened_on);

CREATE TABLE legal_event_documents (
    event_id    INTEGER NOT NULL REFERENCES legal_events (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    attached_at TEXT NOT NULL,
    PRIMARY KEY (event_id, document_id)
) WITHOUT ROWID;

CREATE TABLE legal_deadlines (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES legal_cases (id),
    due_on      TEXT NOT NULL,
    what        TEXT NOT NULL CHECK (length(trim(what)) > 0),
    responsible TEXT NOT NULL DEFAULT '',
    done_on     TEXT
);
CREATE INDEX legal_deadlines_by_due ON legal_deadlines (due_on) WHERE done_on IS NULL;

-- The expenses (lawyers, bailiffs) and the hours a case cost; each belongs to one case at most.
CREATE TABLE legal_case_expenses (
    expense_id INTEGER PRIMARY KEY REFERENCES expenses (id),
    case_id    INTEGER NOT NULL REFERENCES legal_cases (id)
);
CREATE TABLE legal_case_hours (
    time_entry_id INTEGER PRIMARY KEY REFERENCES time_entries (id),
    case_id       INTEGER NOT NULL REFERENCES legal_cases (id)
);

CREATE TABLE legal_disclosures (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES legal_cases (id),
    disclosed_on TEXT NOT NULL,
    what         TEXT NOT NULL CHECK (length(trim(what)) > 0),
    recipient    TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    -- The court order or the request it answered.
    authority    TEXT NOT NULL CHECK (length(trim(authority)) > 0),
    decided_by   TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
    written_at   TEXT NOT NULL
);
CREATE TABLE legal_disclosure_notes (
    id            INTEGER PRIMARY KEY,
    disclosure_id INTEGER NOT NULL REFERENCES legal_disclosures (id),
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    written_at    TEXT NOT NULL
);
CREATE TRIGGER legal_disclosures_frozen_update BEFORE UPDATE ON legal_disclosures
BEGIN SELECT RAISE(ABORT, 'a disclosure once logged cannot be changed; add a note to it'); END;
CREATE TRIGGER legal_disclosures_frozen_delete BEFORE DELETE ON legal_disclosures
BEGIN SELECT RAISE(ABORT, 'a disclosure once logged cannot be deleted; add a note to it'); END;
CREATE TRIGGER legal_disclosure_notes_frozen_update BEFORE UPDATE ON legal_disclosure_notes
BEGIN SELECT RAISE(ABORT, 'a note on a disclosure cannot be changed; add another note'); END;
CREATE TRIGGER legal_disclosure_notes_frozen_delete BEFORE DELETE ON legal_disclosure_notes
BEGIN SELECT RAISE(ABORT, 'a note on a disclosure cannot be deleted; add another note'); END;
