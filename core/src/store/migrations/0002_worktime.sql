-- Work time: entries, the running timers, and each worker's planned allocation.

-- FTE = paid hours ÷ (full-time hours per week × weeks): the full-time week is the organisation's.
ALTER TABLE settings ADD COLUMN full_time_weekly_minutes INTEGER NOT NULL DEFAULT 2100
    CHECK (full_time_weekly_minutes BETWEEN 60 AND 4800);

-- One entry is some minutes of one worker on one day, for a project (client or internal work)
-- or a committee. `source` identifies an imported line, so importing a file twice adds nothing.
CREATE TABLE time_entries (
    id           INTEGER PRIMARY KEY,
    worker_id    INTEGER NOT NULL REFERENCES workers (id),
    work_date    TEXT NOT NULL,
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    start_time   TEXT CHECK (start_time IS NULL OR start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    project_id   INTEGER REFERENCES projects (id),
    committee_id INTEGER REFERENCES committees (id),
    description  TEXT NOT NULL DEFAULT '',
    billable     INTEGER NOT NULL CHECK (billable IN (0, 1)),
    source       TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((project_id IS NULL) <> (committee_id IS NULL))
);
CREATE INDEX time_entries_by_worker ON time_entries (worker_id, work_date);
CREATE INDEX time_entries_by_date ON time_entries (work_date);
CREATE INDEX time_entries_by_project ON time_entries (project_id, work_date) WHERE project_id IS NOT NULL;
CREATE UNIQUE INDEX time_entries_by_source ON time_entries (source) WHERE source IS NOT NULL;

-- At most one running timer per worker; it lives here so it survives a restart or a crash.
CREATE TABLE timers (
    worker_id    INTEGER PRIMARY KEY REFERENCES workers (id),
    started_at   TEXT NOT NULL,
    project_id   INTEGER REFERENCES projects (id),
    committee_id INTEGER REFERENCES committees (id),
    description  TEXT NOT NULL DEFAULT '',
    CHECK ((project_id IS NULL) <> (committee_id IS NULL))
);

-- Planned hours per worker and fiscal year (or one of its quarters), per bucket: client work of
-- a team, a committee, or internal work. The fiscal year is named by its first day.
CREATE TABLE planned_allocations (
    id                INTEGER PRIMARY KEY,
    worker_id         INTEGER NOT NULL REFERENCES workers (id),
    fiscal_year_start TEXT NOT NULL,
    quarter           INTEGER CHECK (quarter IS NULL OR quarter BETWEEN 1 AND 4),
    bucket            TEXT NOT NULL CHECK (bucket IN ('team', 'committee', 'internal')),
    team_id           INTEGER REFERENCES teams (id),
    committee_id      INTEGER REFERENCES committees (id),
    minutes           INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 527040),
    CHECK ((bucket = 'team') = (team_id IS NOT NULL)),
    CHECK ((bucket = 'committee') = (committee_id IS NOT NULL))
);
CREATE UNIQUE INDEX planned_allocations_key ON planned_allocations
    (worker_id, fiscal_year_start, coalesce(quarter, 0), bucket, coalesce(team_id, 0), coalesce(committee_id, 0));
