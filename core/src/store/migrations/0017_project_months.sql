-- Minutes per month and project (or committee), every worker together, billable ones apart: what
-- a span's totals by kind of work read (`worktime::distribution::totals`, `stats`). A year of a
-- large collective is 64 000 rows per worker and project in `work_months`, about 5 000 here. Kept
-- by the same tally as `work_months` (`worktime::months::Tally`); `konbit check` compares it with
-- the entries. No project or no committee is 0.
CREATE TABLE project_months (
    month            TEXT NOT NULL,
    project_key      INTEGER NOT NULL,
    committee_key    INTEGER NOT NULL,
    minutes          INTEGER NOT NULL,
    billable_minutes INTEGER NOT NULL,
    PRIMARY KEY (month, project_key, committee_key)
) WITHOUT ROWID;

INSERT INTO project_months (month, project_key, committee_key, minutes, billable_minutes)
SELECT month, project_key, committee_key, sum(minutes), sum(billable_minutes) FROM work_months GROUP BY 1, 2, 3;
