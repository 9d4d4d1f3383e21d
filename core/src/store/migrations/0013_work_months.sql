-- Each worker's minutes per month, project and committee (billable ones apart), and per half
-- month alone (the 1st to the 15th, the 16th to the end: the pay periods), kept by triggers on
-- time_entries. Sums over whole months or halves read these rows instead of every entry: the
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

CREATE TRIGGER work_months_add AFTER INSERT ON time_entries
BEGIN
    INSERT INTO work_months (worker_id, month, project_key, committee_key, minutes, billable_minutes)
    VALUES (NEW.worker_id, substr(NEW.work_date, 1, 8) || '01', coalesce(NEW.project_id, 0), coalesce(NEW.committee_id, 0),
            NEW.minutes, CASE WHEN NEW.billable THEN NEW.minutes ELSE 0 END)
    ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes, billable_minutes = billable_minutes + excluded.billable_minutes;
    INSERT INTO worker_halves (worker_id, half, minutes)
    VALUES (NEW.worker_id, substr(NEW.work_date, 1, 8) || CASE WHEN substr(NEW.work_date, 9, 2) < '16' THEN '01' ELSE '16' END, NEW.minutes)
    ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER work_months_remove AFTER DELETE ON time_entries
BEGIN
    UPDATE work_months SET minutes = minutes - OLD.minutes, billable_minutes = billable_minutes - CASE WHEN OLD.billable THEN OLD.minutes ELSE 0 END
    WHERE worker_id = OLD.worker_id AND month = substr(OLD.work_date, 1, 8) || '01'
      AND project_key = coalesce(OLD.project_id, 0) AND committee_key = coalesce(OLD.committee_id, 0);
    DELETE FROM work_months
    WHERE worker_id = OLD.worker_id AND month = substr(OLD.work_date, 1, 8) || '01'
      AND project_key = coalesce(OLD.project_id, 0) AND committee_key = coalesce(OLD.committee_id, 0) AND minutes = 0;
    UPDATE worker_halves SET minutes = minutes - OLD.minutes
    WHERE worker_id = OLD.worker_id AND half = substr(OLD.work_date, 1, 8) || CASE WHEN substr(OLD.work_date, 9, 2) < '16' THEN '01' ELSE '16' END;
    DELETE FROM worker_halves
    WHERE worker_id = OLD.worker_id AND half = substr(OLD.work_date, 1, 8) || CASE WHEN substr(OLD.work_date, 9, 2) < '16' THEN '01' ELSE '16' END
      AND minutes = 0;
END;

CREATE TRIGGER work_months_change AFTER UPDATE OF worker_id, work_date, project_id, committee_id, minutes, billable ON time_entries
BEGIN
    UPDATE work_months SET minutes = minutes - OLD.minutes, billable_minutes = billable_minutes - CASE WHEN OLD.billable THEN OLD.minutes ELSE 0 END
    WHERE worker_id = OLD.worker_id AND month = substr(OLD.work_date, 1, 8) || '01'
      AND project_key = coalesce(OLD.project_id, 0) AND committee_key = coalesce(OLD.committee_id, 0);
    DELETE FROM work_months
    WHERE worker_id = OLD.worker_id AND month = substr(OLD.work_date, 1, 8) || '01'
      AND project_key = coalesce(OLD.project_id, 0) AND committee_key = coalesce(OLD.committee_id, 0) AND minutes = 0;
    UPDATE worker_halves SET minutes = minutes - OLD.minutes
    WHERE worker_id = OLD.worker_id AND half = substr(OLD.work_date, 1, 8) || CASE WHEN substr(OLD.work_date, 9, 2) < '16' THEN '01' ELSE '16' END;
    DELETE FROM worker_halves
    WHERE worker_id = OLD.worker_id AND half = substr(OLD.work_date, 1, 8) || CASE WHEN substr(OLD.work_date, 9, 2) < '16' THEN '01' ELSE '16' END
      AND minutes = 0;
    INSERT INTO work_months (worker_id, month, project_key, committee_key, minutes, billable_minutes)
    VALUES (NEW.worker_id, substr(NEW.work_date, 1, 8) || '01', coalesce(NEW.project_id, 0), coalesce(NEW.committee_id, 0),
            NEW.minutes, CASE WHEN NEW.billable THEN NEW.minutes ELSE 0 END)
    ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes, billable_minutes = billable_minutes + excluded.billable_minutes;
    INSERT INTO worker_halves (worker_id, half, minutes)
    VALUES (NEW.worker_id, substr(NEW.work_date, 1, 8) || CASE WHEN substr(NEW.work_date, 9, 2) < '16' THEN '01' ELSE '16' END, NEW.minutes)
    ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;
