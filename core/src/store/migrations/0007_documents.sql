-- Documents copied into the app's folder beside the database, named by their SHA-256, and the
-- expenses they are attached to (a receipt, an invoice from a supplier).

CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    sha256     TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size >= 0),
    created_at TEXT NOT NULL
);

CREATE TABLE expense_documents (
    expense_id  INTEGER NOT NULL REFERENCES expenses (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    -- The file's name when it was attached.
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    attached_at TEXT NOT NULL,
    PRIMARY KEY (expense_id, document_id)
) WITHOUT ROWID;
