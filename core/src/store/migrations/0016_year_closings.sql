-- Closed fiscal years: once a year's accounts are adopted, its figures are kept here as they were
-- adopted, and every record dated in it or before is locked (`finance::closing`). Years close in
-- order, so the lock is one date: the end of the last one. The series of years, the net worth
-- and `stats` carry the figures from here instead of recomputing every year before;
-- `konbit check` compares them with the records.
CREATE TABLE year_closings (
    start_on        TEXT PRIMARY KEY,
    end_on          TEXT NOT NULL UNIQUE,
    revenue_cents   INTEGER NOT NULL,
    expenses_cents  INTEGER NOT NULL,
    net_worth_cents INTEGER NOT NULL,
    fte             REAL NOT NULL,
    salaried_share  REAL NOT NULL,
    closed_at       TEXT NOT NULL
) WITHOUT ROWID;
