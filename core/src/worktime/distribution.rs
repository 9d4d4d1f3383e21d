//! Work distribution ("répartition du travail"): hours by worker and by bucket (client work of
//! a team, internal work, a committee) over any period, with the billable share, FTE and the
//! salaried share as the brief defines them:
//! FTE = paid hours ÷ (full-time hours per week × weeks); salaried share = salaried paid hours
//! ÷ all paid hours, the status being the one in force on each entry's day.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Invalid, Problem, Result};
use crate::fiscal::FiscalYear;
use crate::organisation::settings;
use crate::store::sql::{params, Connection};
use crate::worktime::months::{span_minutes, Detail, WHOLE_MONTHS};

/// What kind of work a bucket holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    /// Work for clients (hourly, fixed-price or contract projects).
    Client,
    /// The collective's own projects: administration, support, its site…
    Internal,
    Committee,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
pub struct Bucket {
    pub kind: WorkKind,
    /// The team of the project (client or internal work), if it has one.
    pub team_id: Option<i64>,
    pub committee_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BucketMinutes {
    pub bucket: Bucket,
    pub minutes: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Totals {
    pub minutes: u64,
    pub billable: u64,
    pub client: u64,
    /// Internal projects and committees: the brief's "travail interne".
    pub internal: u64,
    pub salaried: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkerHours {
    pub worker_id: i64,
    pub name: String,
    pub totals: Totals,
    pub buckets: Vec<BucketMinutes>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Distribution {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub workers: Vec<WorkerHours>,
    pub buckets: Vec<BucketMinutes>,
    pub totals: Totals,
    /// Full-time equivalents over the period.
    pub fte: f64,
    /// Salaried paid hours ÷ all paid hours, 0 to 1 (0 when nobody worked).
    pub salaried_share: f64,
}

/// The distribution of the hours worked from `from` to `to`, both included.
pub fn compute(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Distribution> {
    if to < from {
        return Err(Invalid::new(
            "to",
            Problem::EndBeforeStart {
                start: from.into(),
                end: to.into(),
            },
        )
        .into());
    }
    let full_week = settings::require(conn)?.full_time_weekly_minutes;
    let mut workers: Vec<WorkerHours> = Vec::new();
    for ((worker_id, name), parts) in worker_parts(conn, from, to)? {
        let mut w = WorkerHours {
            worker_id,
            name,
            totals: Totals::default(),
            buckets: Vec::new(),
        };
        for (bucket, salaried, minutes, billable) in parts {
            w.totals.add(&bucket, salaried, minutes, billable);
            add_to(&mut w.buckets, bucket, minutes);
        }
        workers.push(w);
    }
    let mut totals = Totals::default();
    let mut buckets = Vec::new();
    for w in &mut workers {
        w.buckets.sort_by(|a, b| a.bucket.cmp(&b.bucket));
        totals.merge(&w.totals);
        for b in &w.buckets {
            add_to(&mut buckets, b.bucket.clone(), b.minutes);
        }
    }
    buckets.sort_by(|a, b| a.bucket.cmp(&b.bucket));
    let (fte, salaried_share) = shares(totals.minutes, totals.salaried, (from, to), full_week);
    Ok(Distribution {
        from,
        to,
        workers,
        buckets,
        totals,
        fte,
        salaried_share,
    })
}

/// The hours from `from` to `to` summed, without the detail by worker and bucket: what `stats`
/// and every year's summary report, with the FTE and the salaried share. Minutes by kind of work
/// from the sums per month and project (`project_months`, a few thousand rows a year) and the
/// days around them; the salaried ones from the half-month sums over each worker's salaried
/// spans. The same figures as [`compute`]'s totals.
pub fn totals(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<(Totals, f64, f64)> {
    if to < from {
        return Err(Invalid::new(
            "to",
            Problem::EndBeforeStart {
                start: from.into(),
                end: to.into(),
            },
        )
        .into());
    }
    let full_week = settings::require(conn)?.full_time_weekly_minutes;
    let (f, l) = WHOLE_MONTHS;
    let entries = "SELECT e.project_id, e.committee_id, e.minutes, CASE WHEN e.billable = 1 THEN e.minutes ELSE 0 END FROM span CROSS JOIN time_entries e";
    let [minutes, billable, internal]: [i64; 3] = conn
        .prepare_cached(&format!(
            "WITH span AS (SELECT a, b, {f} AS f, {l} AS l FROM (SELECT ?1 AS a, ?2 AS b)),
             internal (id) AS MATERIALIZED (SELECT id FROM projects WHERE billing_mode IN ('internal', 'non_billable')),
             worked (project_id, committee_id, minutes, billable) AS (
                 SELECT nullif(m.project_key, 0), nullif(m.committee_key, 0), m.minutes, m.billable_minutes
                 FROM span CROSS JOIN project_months m WHERE m.month BETWEEN span.f AND span.l
                 UNION ALL
                 {entries} WHERE e.work_date BETWEEN span.a AND min(span.b, date(span.f, '-1 day'))
                 UNION ALL
                 {entries} WHERE e.work_date BETWEEN max(span.a, span.f, date(span.l, '+1 day')) AND span.b)
             SELECT coalesce(sum(minutes), 0), coalesce(sum(billable), 0),
                    coalesce(sum(CASE WHEN committee_id IS NOT NULL OR project_id IN internal THEN minutes ELSE 0 END), 0)
             FROM worked"
        ))?
        .query_row(params![from, to], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))?;
    let salaried: i64 = conn
        .prepare_cached(&format!(
            "WITH {SALARIED}, spans AS (SELECT worker_id, a, b, 1 AS tag, 0 AS part FROM salaried), {}
             SELECT coalesce(sum(minutes), 0) FROM span_minutes",
            span_minutes(Detail::Total)
        ))?
        .query_row(params![from, to], |r| r.get(0))?;
    let [minutes, billable, internal, salaried] =
        [minutes, billable, internal, salaried].map(|m| m as u64);
    let totals = Totals {
        minutes,
        billable,
        client: minutes - internal,
        internal,
        salaried,
    };
    let (fte, salaried_share) = shares(minutes, salaried, (from, to), full_week);
    Ok((totals, fte, salaried_share))
}

fn shares(
    minutes: u64,
    salaried: u64,
    (from, to): (NaiveDate, NaiveDate),
    full_week: u32,
) -> (f64, f64) {
    let days = (to - from).num_days() + 1;
    let capacity = f64::from(full_week) * days as f64 / 7.0;
    let fte = if capacity > 0.0 {
        minutes as f64 / capacity
    } else {
        0.0
    };
    let salaried_share = if minutes > 0 {
        salaried as f64 / minutes as f64
    } else {
        0.0
    };
    (fte, salaried_share)
}

/// Each worker's spans of days from ?1 to ?2 at a salaried status: a common table expression.
const SALARIED: &str = "
    salaried AS (
        SELECT worker_id, max(start_on, ?1) AS a, min(coalesce(end_on, '9999-12-31'), ?2) AS b FROM worker_statuses
        WHERE status = 'salaried' AND start_on <= ?2 AND coalesce(end_on, '9999-12-31') >= ?1)";

/// Each worker's days from ?1 to ?2 cut into the spans they were salaried (tag 1, from
/// `SALARIED`) and the gaps between them (tag 0), so that each day is read once, as `spans` for
/// `months::span_minutes`.
const GAPS: &str = "
    spans AS (
        SELECT worker_id, a, b, 1 AS tag, 0 AS part FROM salaried
        UNION ALL
        SELECT w.id, coalesce(date(lag(s.b) OVER (PARTITION BY w.id ORDER BY s.a), '+1 day'), ?1), coalesce(date(s.a, '-1 day'), ?2), 0, 0
        FROM workers w LEFT JOIN salaried s ON s.worker_id = w.id
        UNION ALL
        SELECT worker_id, date(max(b), '+1 day'), ?2, 0, 0 FROM salaried GROUP BY worker_id)";

/// Each worker (id and name, in name order) with their minutes per bucket, salaried or not:
/// `(bucket, salaried, minutes, billable)`. Each worker's period is cut into the spans they were
/// salaried and the gaps between them (`GAPS`); the sums come from
/// `months::span_minutes` (the monthly sums and the days around them), grouped here rather than
/// by SQLite, which sorts through a temporary tree (at ten years of a large collective, 25 ms
/// instead of 90).
#[allow(clippy::type_complexity)]
fn worker_parts(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<((i64, String), Vec<(Bucket, bool, u64, u64)>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {SALARIED}, {GAPS},
         {}
         SELECT tag, worker_id, project_id, committee_id, minutes, billable FROM span_minutes",
        span_minutes(Detail::ByProject)
    ))?;
    // (worker, project, committee, salaried) → (minutes, billable)
    let mut sums: HashMap<(i64, Option<i64>, Option<i64>, bool), (u64, u64)> = HashMap::new();
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let key = (r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(0)? == 1);
        let sum = sums.entry(key).or_default();
        sum.0 += r.get::<_, i64>(4)? as u64;
        sum.1 += r.get::<_, i64>(5)? as u64;
    }
    let projects: HashMap<i64, (Option<i64>, String)> = conn
        .prepare_cached("SELECT id, team_id, billing_mode FROM projects")?
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<crate::store::sql::Result<_>>()?;
    let bucket = |project: Option<i64>, committee: Option<i64>| {
        let found = project.and_then(|p| projects.get(&p));
        let kind = match (committee, found) {
            (Some(_), _) => WorkKind::Committee,
            (None, Some((_, mode))) if mode == "internal" || mode == "non_billable" => {
                WorkKind::Internal
            }
            _ => WorkKind::Client,
        };
        Bucket {
            kind,
            team_id: found.and_then(|(team, _)| *team),
            committee_id: committee,
        }
    };
    let mut by_worker: HashMap<i64, Vec<(Bucket, bool, u64, u64)>> = HashMap::new();
    for ((worker, project, committee, salaried), (minutes, billable)) in sums {
        if minutes > 0 {
            by_worker.entry(worker).or_default().push((
                bucket(project, committee),
                salaried,
                minutes,
                billable,
            ));
        }
    }
    let mut names = conn.prepare_cached("SELECT w.id, m.name FROM workers w JOIN members m ON m.id = w.member_id ORDER BY m.name_key, w.id")?;
    let ordered = names.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for worker in ordered {
        let (id, name) = worker?;
        if let Some(mut parts) = by_worker.remove(&id) {
            parts.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
            out.push(((id, name), parts));
        }
    }
    Ok(out)
}

/// One fiscal year's figures, for the table since the first year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct YearFigures {
    pub fiscal_year: String,
    pub totals: Totals,
    pub fte: f64,
    pub salaried_share: f64,
}

/// The figures of every fiscal year from the first one with hours to the last one, oldest first.
pub fn by_year(conn: &Connection) -> Result<Vec<YearFigures>> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    let span: (Option<NaiveDate>, Option<NaiveDate>) = conn.query_row(
        "SELECT min(work_date), max(work_date) FROM time_entries",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (Some(first), Some(last)) = span else {
        return Ok(vec![]);
    };
    let mut year = FiscalYear::containing(first, start_month);
    let mut years = Vec::new();
    while year.start() <= last {
        let d = compute(conn, year.start(), year.end())?;
        years.push(YearFigures {
            fiscal_year: year.name(),
            totals: d.totals,
            fte: d.fte,
            salaried_share: d.salaried_share,
        });
        year = year.next();
    }
    Ok(years)
}

impl Totals {
    fn add(&mut self, bucket: &Bucket, salaried: bool, minutes: u64, billable: u64) {
        self.minutes += minutes;
        self.billable += billable;
        match bucket.kind {
            WorkKind::Client => self.client += minutes,
            WorkKind::Internal | WorkKind::Committee => self.internal += minutes,
        }
        if salaried {
            self.salaried += minutes;
        }
    }

    fn merge(&mut self, other: &Totals) {
        self.minutes += other.minutes;
        self.billable += other.billable;
        self.client += other.client;
        self.internal += other.internal;
        self.salaried += other.salaried;
    }
}

fn add_to(buckets: &mut Vec<BucketMinutes>, bucket: Bucket, minutes: u64) {
    match buckets.iter_mut().find(|b| b.bucket == bucket) {
        Some(b) => b.minutes += minutes,
        None => buckets.push(BucketMinutes { bucket, minutes }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::ListQuery;
    use crate::organisation::worker;
    use crate::worktime::entry::tests::{fixture, input};
    use crate::worktime::entry::{self, TimeEntryInput};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn fte_and_the_salaried_share_follow_the_brief() {
        let f = fixture();
        let conn = f.store.conn();
        let all = ListQuery {
            include_archived: true,
            limit: Some(500),
            ..Default::default()
        };
        let freelancer = worker::list(conn, &all)
            .unwrap()
            .items
            .into_iter()
            .find(|w| w.name == "Mathieu Leclerc")
            .unwrap()
            .id;
        // Two weeks (14 days): Omar (salaried) works 35 h a week, 28 h of it billable client
        // work; Mathieu (freelance) 17 h 30 a week on the Légal committee.
        for day in [
            "2013-01-14",
            "2013-01-15",
            "2013-01-16",
            "2013-01-17",
            "2013-01-18",
            "2013-01-21",
            "2013-01-22",
            "2013-01-23",
            "2013-01-24",
            "2013-01-25",
        ] {
            entry::create(conn, &input(&f, day, "5:36")).unwrap();
            entry::create(
                conn,
                &TimeEntryInput {
                    project_id: Some(f.internal),
                    ..input(&f, day, "1:24")
                },
            )
            .unwrap();
            let meeting = TimeEntryInput {
                worker_id: freelancer,
                project_id: None,
                committee_id: Some(f.committee),
                ..input(&f, day, "3:30")
            };
            entry::create(conn, &meeting).unwrap();
        }
        let dist = compute(conn, d("2013-01-14"), d("2013-01-27")).unwrap();
        assert_eq!(dist.totals.minutes, 2 * (35 * 60 + 35 * 30));
        assert_eq!(dist.totals.billable, 2 * 28 * 60);
        assert_eq!(dist.totals.client, 2 * 28 * 60);
        assert_eq!(dist.totals.internal, 2 * (7 * 60 + 35 * 30));
        // 52 h 30 a week over a 35-hour week: 1.5 FTE; Omar's 35 h of 52 h 30 are salaried.
        assert!((dist.fte - 1.5).abs() < 1e-9, "{}", dist.fte);
        assert!(
            (dist.salaried_share - 2.0 / 3.0).abs() < 1e-9,
            "{}",
            dist.salaried_share
        );
        assert_eq!(
            totals(conn, d("2013-01-14"), d("2013-01-27")).unwrap(),
            (dist.totals.clone(), dist.fte, dist.salaried_share),
            "the totals alone"
        );
        assert_eq!(dist.workers.len(), 2);
        let omar = dist
            .workers
            .iter()
            .find(|w| w.name == "Omar Benali")
            .unwrap();
        assert_eq!(
            omar.buckets
                .iter()
                .map(|b| b.bucket.kind)
                .collect::<Vec<_>>(),
            vec![WorkKind::Client, WorkKind::Internal]
        );
    }

    /// Each entry looked up one by one: its worker's status that day.
    fn by_entry(conn: &Connection, from: &str, to: &str) -> (u64, u64, u64) {
        conn.query_row(
            "SELECT coalesce(sum(e.minutes), 0), coalesce(sum(CASE WHEN e.billable = 1 THEN e.minutes ELSE 0 END), 0),
                    coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM worker_statuses s WHERE s.worker_id = e.worker_id AND s.status = 'salaried'
                                                   AND s.start_on <= e.work_date AND coalesce(s.end_on, '9999-12-31') >= e.work_date)
                                  THEN e.minutes ELSE 0 END), 0)
             FROM time_entries e WHERE e.work_date BETWEEN ?1 AND ?2",
            [from, to],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64)),
        )
        .unwrap()
    }

    #[test]
    fn salaried_spans_and_the_gaps_between_them_count_each_hour_once() {
        let f = fixture();
        let conn = f.store.conn();
        // A freelancer hired mid-month, then back to freelance: spans that start and end inside
        // months, with gaps before, between and after.
        let all = ListQuery {
            include_archived: true,
            limit: Some(500),
            ..Default::default()
        };
        let freelancer = worker::list(conn, &all)
            .unwrap()
            .items
            .into_iter()
            .find(|w| w.name == "Mathieu Leclerc")
            .unwrap()
            .id;
        conn.execute_batch(&format!(
            "UPDATE worker_statuses SET end_on = '2013-01-15' WHERE worker_id = {freelancer} AND end_on IS NULL;
             INSERT INTO worker_statuses (worker_id, status, weekly_minutes, start_on, end_on, created_at)
             VALUES ({freelancer}, 'salaried', 2100, '2013-01-16', '2013-02-12', '2013-01-15T12:00:00Z'),
                    ({freelancer}, 'freelance', 0, '2013-02-13', NULL, '2013-01-15T12:00:00Z');"
        ))
        .unwrap();
        let mut day = d("2013-01-02");
        while day <= d("2013-03-08") {
            let meeting = TimeEntryInput {
                worker_id: freelancer,
                project_id: None,
                committee_id: Some(f.committee),
                ..input(&f, &day.to_string(), "2:15")
            };
            entry::create(conn, &meeting).unwrap();
            entry::create(conn, &input(&f, &day.to_string(), "4")).unwrap();
            day = day + chrono::Days::new(3);
        }
        assert!(
            crate::check::run(conn).unwrap().is_empty(),
            "{:?}",
            crate::check::run(conn).unwrap()
        );
        for (from, to) in [
            ("2012-09-01", "2013-08-31"),
            ("2013-01-10", "2013-02-20"),
            ("2013-01-17", "2013-01-17"),
            ("2013-01-16", "2013-01-16"),
            ("2012-12-15", "2013-03-14"),
        ] {
            let dist = compute(conn, d(from), d(to)).unwrap();
            assert_eq!(
                (
                    dist.totals.minutes,
                    dist.totals.billable,
                    dist.totals.salaried
                ),
                by_entry(conn, from, to),
                "{from} to {to}"
            );
            assert_eq!(
                totals(conn, d(from), d(to)).unwrap(),
                (dist.totals.clone(), dist.fte, dist.salaried_share),
                "{from} to {to}: the totals alone"
            );
        }
    }

    #[test]
    fn every_year_since_the_first() {
        let f = fixture();
        let conn = f.store.conn();
        assert!(by_year(conn).unwrap().is_empty());
        entry::create(conn, &input(&f, "2011-08-31", "2")).unwrap();
        entry::create(conn, &input(&f, "2013-09-02", "3")).unwrap();
        let years = by_year(conn).unwrap();
        let names: Vec<_> = years
            .iter()
            .map(|y| (y.fiscal_year.as_str(), y.totals.minutes))
            .collect();
        assert_eq!(
            names,
            [
                ("2010-2011", 120),
                ("2011-2012", 0),
                ("2012-2013", 0),
                ("2013-2014", 180)
            ]
        );
    }

    #[test]
    fn an_empty_period_is_zero_not_an_error() {
        let f = fixture();
        let dist = compute(f.store.conn(), d("2013-01-14"), d("2013-01-20")).unwrap();
        assert_eq!(
            (dist.totals.minutes, dist.fte, dist.salaried_share),
            (0, 0.0, 0.0)
        );
        assert!(compute(f.store.conn(), d("2013-01-20"), d("2013-01-14")).is_err());
        assert_eq!(
            totals(f.store.conn(), d("2013-01-14"), d("2013-01-20")).unwrap(),
            (Totals::default(), 0.0, 0.0)
        );
        assert!(totals(f.store.conn(), d("2013-01-20"), d("2013-01-14")).is_err());
    }
}
