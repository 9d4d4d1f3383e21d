//! Sums of minutes over spans of days, read from the sums `work_months` (per month) and
//! `worker_halves` (per half month, the pay periods), for the whole months or halves of each
//! span, and from the entries for the days outside them; `project_months` holds the same
//! minutes as `work_months` with every worker together, for totals by kind of work. The sums are kept by every write of
//! time entries through a [`Tally`]: what the writes add or take away is gathered in memory and
//! written in one upsert per sum touched. Triggers would keep them whatever writes, but cost an
//! import 8 µs a line, and a second pass over the new rows in SQL 1 µs; `konbit check` compares
//! the sums with the entries. A year of a large collective is 140 000 entries but 64 000 rows
//! per month and project, or 4 000 per half month: the work distribution, the payroll, the
//! cashflow's pay days and every year's figures read those.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::error::Result;
use crate::store::sql::{params, Connection};

/// What one entry counts for in the sums.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Worked {
    pub worker_id: i64,
    pub work_date: NaiveDate,
    pub project_id: Option<i64>,
    pub committee_id: Option<i64>,
    pub minutes: u32,
    pub billable: bool,
}

/// The changes some writes of entries make to the sums, written by [`Tally::write`] in the same
/// transaction as the entries. No project or no committee is keyed 0, as in the tables.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// (worker, first of the month, project, committee) → (minutes, billable minutes).
    months: HashMap<(i64, NaiveDate, i64, i64), (i64, i64)>,
    /// (worker, 1st or 16th of the month) → minutes.
    halves: HashMap<(i64, NaiveDate), i64>,
}

impl Tally {
    /// Counts an entry written (`sign` 1), or one changed or deleted as it was before (-1).
    pub(crate) fn add(&mut self, w: Worked, sign: i64) {
        let day = w.work_date;
        let month = day.with_day(1).unwrap_or(day);
        let half = day
            .with_day(if day.day() < 16 { 1 } else { 16 })
            .unwrap_or(day);
        let minutes = sign * i64::from(w.minutes);
        let billable = if w.billable { minutes } else { 0 };
        let sums = self
            .months
            .entry((
                w.worker_id,
                month,
                w.project_id.unwrap_or(0),
                w.committee_id.unwrap_or(0),
            ))
            .or_default();
        sums.0 += minutes;
        sums.1 += billable;
        *self.halves.entry((w.worker_id, half)).or_default() += minutes;
    }

    /// Adds the changes to the tables. A sum that falls to zero stays, harmless; a change that
    /// cancels out (an entry saved unchanged) writes nothing.
    pub(crate) fn write(&self, conn: &Connection) -> Result<()> {
        let mut months = conn.prepare_cached(
            "INSERT INTO work_months (worker_id, month, project_key, committee_key, minutes, billable_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (worker_id, month, project_key, committee_key) DO UPDATE
             SET minutes = work_months.minutes + excluded.minutes, billable_minutes = work_months.billable_minutes + excluded.billable_minutes",
        )?;
        for (&(worker, month, project, committee), &(minutes, billable)) in
            self.months.iter().filter(|(_, sums)| **sums != (0, 0))
        {
            months.execute(params![
                worker, month, project, committee, minutes, billable
            ])?;
        }
        let mut halves = conn.prepare_cached(
            "INSERT INTO worker_halves (worker_id, half, minutes) VALUES (?1, ?2, ?3)
             ON CONFLICT (worker_id, half) DO UPDATE SET minutes = worker_halves.minutes + excluded.minutes",
        )?;
        for (&(worker, half), &minutes) in self.halves.iter().filter(|(_, minutes)| **minutes != 0)
        {
            halves.execute(params![worker, half, minutes])?;
        }
        // Every worker's together, per month and project or committee.
        let mut by_project: HashMap<(NaiveDate, i64, i64), (i64, i64)> = HashMap::new();
        for (&(_, month, project, committee), &(minutes, billable)) in &self.months {
            let sums = by_project.entry((month, project, committee)).or_default();
            sums.0 += minutes;
            sums.1 += billable;
        }
        let mut projects = conn.prepare_cached(
            "INSERT INTO project_months (month, project_key, committee_key, minutes, billable_minutes) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (month, project_key, committee_key) DO UPDATE
             SET minutes = project_months.minutes + excluded.minutes, billable_minutes = project_months.billable_minutes + excluded.billable_minutes",
        )?;
        for (&(month, project, committee), &(minutes, billable)) in
            by_project.iter().filter(|(_, sums)| **sums != (0, 0))
        {
            projects.execute(params![month, project, committee, minutes, billable])?;
        }
        Ok(())
    }
}

/// The first day of the first whole month of the span from `a` to `b` (columns or parameters
/// named so), and the last day of its last whole month: SQL expressions.
pub(crate) const WHOLE_MONTHS: (&str, &str) = (
    "date(a, '-1 day', 'start of month', '+1 month')",
    "date(b, '+1 day', 'start of month', '-1 day')",
);

/// Which sums the whole months or halves of a span are read from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Detail {
    /// `work_months`: per month, project and committee, billable minutes apart (the
    /// distribution).
    ByProject,
    /// `worker_halves`: the minutes of each half month (1st to 15th, 16th to the end) alone, for
    /// the payroll and its pay periods; project and committee are NULL and billable 0 in the rows
    /// they give.
    Total,
}

/// Common table expressions that sum the minutes of the spans of a CTE named `spans` with
/// columns `(worker_id, a, b, tag, part)`: a worker's days from `a` to `b`, both included, and
/// two values the caller needs back with the sums (the salaried flag, a wage; the period of
/// several summed at once). Defines `span_minutes`
/// `(worker_id, tag, part, project_id, committee_id, minutes, billable)`: rows to sum, per piece.
///
/// For each span, `f` is the first day of its first whole month (or half) and `l` the last day
/// of its last one: those are `[f, l]`, the head `[a, min(b, f - 1)]`, the tail
/// `[max(a, f, l + 1), b]`. The three never overlap and cover `[a, b]`, also when the span
/// holds no whole month or half (then `f > l`, and the head or the tail holds it all). CROSS
/// JOIN keeps the spans outside: SQLite would otherwise scan all the sums against an automatic
/// index of the few spans. An empty head or tail is skipped before its index is searched: most
/// spans start and end on a month's or half's edge, and the searches of a year's spans for
/// nothing read 500 pages of the entries' index.
pub(crate) fn span_minutes(detail: Detail) -> String {
    let (f, l, sums) = match detail {
        Detail::ByProject => (
            WHOLE_MONTHS.0,
            WHOLE_MONTHS.1,
            "SELECT s.worker_id, s.tag, s.part, nullif(m.project_key, 0), nullif(m.committee_key, 0), m.minutes, m.billable_minutes
             FROM span_bounds s CROSS JOIN work_months m ON m.worker_id = s.worker_id AND m.month BETWEEN s.f AND s.l",
        ),
        Detail::Total => (
            "CASE WHEN strftime('%d', a) IN ('01', '16') THEN a
                  WHEN strftime('%d', a) < '16' THEN date(a, 'start of month', '+15 days')
                  ELSE date(a, 'start of month', '+1 month') END",
            "CASE WHEN date(b, '+1 day') IN (date(b, '+1 day', 'start of month'), date(b, 'start of month', '+15 days')) THEN b
                  WHEN strftime('%d', b) > '15' THEN date(b, 'start of month', '+14 days')
                  ELSE date(b, 'start of month', '-1 day') END",
            "SELECT s.worker_id, s.tag, s.part, NULL, NULL, h.minutes, 0
             FROM span_bounds s CROSS JOIN worker_halves h ON h.worker_id = s.worker_id AND h.half BETWEEN s.f AND s.l",
        ),
    };
    format!(
        "span_bounds AS MATERIALIZED (SELECT worker_id, a, b, tag, part, {f} AS f, {l} AS l FROM spans WHERE a <= b),
        span_minutes (worker_id, tag, part, project_id, committee_id, minutes, billable) AS (
            {sums}
            UNION ALL
            SELECT s.worker_id, s.tag, s.part, e.project_id, e.committee_id, e.minutes, CASE WHEN e.billable = 1 THEN e.minutes ELSE 0 END
            FROM span_bounds s CROSS JOIN time_entries e ON e.worker_id = s.worker_id AND e.work_date BETWEEN s.a AND min(s.b, date(s.f, '-1 day'))
            WHERE s.a <= min(s.b, date(s.f, '-1 day'))
            UNION ALL
            SELECT s.worker_id, s.tag, s.part, e.project_id, e.committee_id, e.minutes, CASE WHEN e.billable = 1 THEN e.minutes ELSE 0 END
            FROM span_bounds s CROSS JOIN time_entries e ON e.worker_id = s.worker_id
                 AND e.work_date BETWEEN max(s.a, s.f, date(s.l, '+1 day')) AND s.b
            WHERE max(s.a, s.f, date(s.l, '+1 day')) <= s.b)"
    )
}

#[cfg(test)]
mod tests {
    use super::{span_minutes, Detail};
    use crate::store::sql::Connection;
    use crate::store::Store;

    /// Minutes and billable minutes of a span from the detailed sums; minutes alone from the
    /// totals, which must agree.
    fn from_months(conn: &Connection, worker: i64, a: &str, b: &str) -> (i64, i64) {
        let sum = |detail: Detail| -> (i64, i64) {
            let sql = format!(
                "WITH spans AS (SELECT ?1 AS worker_id, ?2 AS a, ?3 AS b, 0 AS tag, 0 AS part), {}
                 SELECT coalesce(sum(minutes), 0), coalesce(sum(billable), 0) FROM span_minutes",
                span_minutes(detail)
            );
            conn.query_row(&sql, rusqlite::params![worker, a, b], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
        };
        let detailed = sum(Detail::ByProject);
        assert_eq!(
            sum(Detail::Total).0,
            detailed.0,
            "worker {worker}, {a} to {b}: the two sums agree"
        );
        detailed
    }

    fn from_entries(conn: &Connection, worker: i64, a: &str, b: &str) -> (i64, i64) {
        conn.query_row(
            "SELECT coalesce(sum(minutes), 0), coalesce(sum(CASE WHEN billable THEN minutes ELSE 0 END), 0)
             FROM time_entries WHERE worker_id = ?1 AND work_date BETWEEN ?2 AND ?3",
            rusqlite::params![worker, a, b],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    }

    #[test]
    fn any_span_sums_what_its_entries_sum() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::create(tx, crate::demo::DEFAULT_SEED))
            .unwrap();
        let conn = store.conn();
        let spans = [
            ("2012-09-01", "2013-08-31"),
            ("2012-09-15", "2013-02-10"),
            ("2012-11-03", "2012-11-27"),
            ("2012-11-30", "2012-12-01"),
            ("2013-01-01", "2013-01-31"),
            ("2013-01-31", "2013-03-01"),
            ("2011-12-31", "2012-01-01"),
            ("2013-02-28", "2013-02-28"),
            ("2013-05-01", "2013-04-30"),
            // Pay periods and spans cut at their edges.
            ("2013-01-01", "2013-01-15"),
            ("2013-01-16", "2013-01-31"),
            ("2013-02-16", "2013-02-28"),
            ("2013-01-15", "2013-01-16"),
            ("2013-01-02", "2013-02-15"),
            ("2013-01-16", "2013-03-14"),
            ("2013-01-17", "2013-03-15"),
            ("2013-02-10", "2013-02-20"),
        ];
        let workers: Vec<i64> = conn
            .prepare("SELECT id FROM workers")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for worker in workers {
            for (a, b) in spans {
                assert_eq!(
                    from_months(conn, worker, a, b),
                    from_entries(conn, worker, a, b),
                    "worker {worker}, {a} to {b}"
                );
            }
        }
    }

    #[test]
    fn the_monthly_sums_follow_every_change_of_an_entry() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::create(tx, crate::demo::DEFAULT_SEED))
            .unwrap();
        let conn = store.conn();
        let count = |conn: &Connection| crate::check::run(conn).unwrap().len();
        assert_eq!(count(conn), 0);
        // An entry not on an invoice: moved to another month and project, made billable, then gone;
        // a new one; an import of three lines, one of them twice.
        use crate::worktime::entry::{self, TimeEntryInput};
        use crate::worktime::import::{self, Format, ImportOptions};
        let (id, worker): (i64, i64) = conn
            .query_row(
                "SELECT id, worker_id FROM time_entries WHERE id NOT IN (SELECT time_entry_id FROM invoice_time_entries) AND committee_id IS NOT NULL LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let project: i64 = conn
            .query_row(
                "SELECT id FROM projects WHERE billing_mode = 'hourly' LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let moved = TimeEntryInput {
            worker_id: worker,
            work_date: "2013-03-31".parse().unwrap(),
            duration: "1:35".into(),
            start_time: None,
            end_time: None,
            project_id: Some(project),
            committee_id: None,
            description: "déplacée".into(),
            billable: Some(true),
        };
        entry::update(conn, id, &moved).unwrap();
        assert_eq!(count(conn), 0, "after a change");
        entry::delete(conn, id).unwrap();
        assert_eq!(count(conn), 0, "after a delete");
        entry::create(
            conn,
            &TimeEntryInput {
                work_date: "2013-03-16".parse().unwrap(),
                ..moved
            },
        )
        .unwrap();
        assert_eq!(count(conn), 0, "after a new entry");
        let file =
            "id,date,worker,project,duration,description\nA,2013-03-14,Omar Benali,Administration,1:15,un\nB,2013-03-15,Omar Benali,Administration,2:00,deux\n";
        import::commit(
            conn,
            Format::Csv,
            file.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        import::commit(
            conn,
            Format::Csv,
            file.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(count(conn), 0, "after an import, twice");
        assert_eq!(
            from_months(conn, worker, "2013-03-01", "2013-03-31"),
            from_entries(conn, worker, "2013-03-01", "2013-03-31")
        );
    }
}
