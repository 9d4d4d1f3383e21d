-- Each worker's minutes per month, project and committee (billable ones apart), and per half
-- month alone (the 1st to the 15th, the 16th to the end: the pay periods), kept by the code that
-- writes time entries (`worktime::months::Tally`, in the same transaction; triggers cost an
-- import 8 µs a line). Sums over whole months or halves read these rows instead of every entry: the
-- work distribution the first (a year of a large collective: 64 000 rows for 140 000 entries),
-- the payroll the second (4 000 rows); the days of a span outside them are read from the
-- entries (`worktime::months`). No project or no committee is stored as 0, so that the key is
-- never NULL. `konbit check` compares both with the entries.
CREATE TABLE work_months (
    worker_id        INTEGER NOT NULL,
    month            TEXT NOT NULL,
    project_key      INTEGER NOT NULL,
    committee_key    INTEGER NOT NULL,
    minutes          INTEGER NOT NULL,
    billable_minutes INTEGER NOT NULL,
    PRIMARY KEY (worker_id, month, project_key, committee_key)
) WITHOUT ROWID;

CREATE TABLE worker_halves (
    worker_id INTEGER NOT NULL,
    half      TEXT NOT NULL,
    minutes   INTEGER NOT NULL,
    PRIMARY KEY (worker_id, half)
) WITHOUT ROWID;

INSERT INTO work_months (worker_id, month, project_key, committee_key, minutes, billable_minutes)
SELECT worker_id, substr(work_date, 1, 8) || '01', coalesce(project_id, 0), coalesce(committee_id, 0),
       sum(minutes), sum(CASE WHEN billable THEN minutes ELSE 0 END)
FROM time_entries GROUP BY 1, 2, 3, 4;
INSERT INTO worker_halves (worker_id, half, minutes)
SELECT worker_id, substr(work_date, 1, 8) || CASE WHEN substr(work_date, 9, 2) < '16' THEN '01' ELSE '16' END, sum(minutes)
FROM time_entries GROUP BY 1, 2;
