-- A file that is a replica of the office's books (store/replica.rs) says so here: the server it
-- follows (its URL without a password), the last revision of the change feed it holds, and when
-- it last heard from the server. A file of local books has no row.
CREATE TABLE replica (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    server    TEXT NOT NULL CHECK (length(server) > 0),
    revision  INTEGER NOT NULL CHECK (revision >= 0),
    joined_at TEXT NOT NULL,
    synced_at TEXT NOT NULL
);
