//! Planned allocation: the hours each worker plans to give, per fiscal year (or quarter), to
//! the client work of a team, to each committee and to internal work, and how the hours worked
//! compare. A quarter without its own plan is a quarter of the year's; a year without a yearly
//! plan is the sum of its quarters'.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Invalid, Problem, Result};
use crate::fiscal::{FiscalYear, Quarter};
use crate::organisation::{committee, settings, team, worker};
use crate::store::sql::{params, Connection, OptionalExtension, ToSql};
use crate::text::text_enum;
use crate::worktime::distribution::{self, Bucket, WorkKind};
use crate::worktime::duration;
use crate::worktime::entry::{self, TimeEntryInput};
use crate::worktime::week::{self, Week};

text_enum! {
    pub enum PlanKind {
        Team => "team",
        Committee => "committee",
        Internal => "internal",
    }
}

/// Where planned hours go: a team's client work, a committee, or internal work. Client work on
/// projects without a team appears (in actual hours only) as a team bucket without a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct PlanBucket {
    pub kind: PlanKind,
    #[serde(default)]
    pub team_id: Option<i64>,
    #[serde(default)]
    pub committee_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanLine {
    pub bucket: PlanBucket,
    /// 1 to 4, or none for the whole year.
    pub quarter: Option<u8>,
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkerPlan {
    pub worker_id: i64,
    pub fiscal_year: String,
    pub lines: Vec<PlanLine>,
}

/// One planned amount typed by a person; 0 minutes removes it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanInput {
    pub worker_id: i64,
    pub fiscal_year: String,
    #[serde(default)]
    pub quarter: Option<u8>,
    pub bucket: PlanBucket,
    pub minutes: u32,
}

/// Planned against worked, in minutes; `percent` is the difference over the plan (none without a plan).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, TS)]
pub struct Variance {
    pub planned: u64,
    pub actual: u64,
    pub difference: i64,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BucketVariance {
    pub bucket: PlanBucket,
    pub variance: Variance,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkerVariance {
    pub worker_id: i64,
    pub name: String,
    pub buckets: Vec<BucketVariance>,
    pub total: Variance,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuarterVariance {
    pub quarter: u8,
    pub variance: Variance,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanComparison {
    pub fiscal_year: String,
    pub quarter: Option<u8>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub workers: Vec<WorkerVariance>,
    /// All workers together, per bucket: the teams' and committees' planned against worked.
    pub buckets: Vec<BucketVariance>,
    /// Each quarter of the year, all buckets together.
    pub quarters: Vec<QuarterVariance>,
    pub total: Variance,
}

/// The most minutes one worker can plan for one bucket: a leap year, day and night.
const MAX_MINUTES: u32 = 366 * 24 * 60;

pub fn for_worker(conn: &Connection, worker_id: i64, fiscal_year: &str) -> Result<WorkerPlan> {
    worker::get(conn, worker_id)?;
    let fy = settings::fiscal_year(conn, fiscal_year)?;
    let lines = conn
        .prepare_cached(
            "SELECT bucket, team_id, committee_id, quarter, minutes FROM planned_allocations
             WHERE worker_id = ?1 AND fiscal_year_start = ?2 ORDER BY bucket, team_id, committee_id, coalesce(quarter, 0)",
        )?
        .query_map(params![worker_id, fy.start()], |r| {
            Ok(PlanLine { bucket: PlanBucket { kind: r.get(0)?, team_id: r.get(1)?, committee_id: r.get(2)? }, quarter: r.get(3)?, minutes: r.get(4)? })
        })?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(WorkerPlan {
        worker_id,
        fiscal_year: fy.name(),
        lines,
    })
}

/// Sets (or with 0 minutes removes) one planned amount.
pub fn set(conn: &Connection, input: &PlanInput) -> Result<WorkerPlan> {
    worker::get(conn, input.worker_id)?;
    let fy = settings::fiscal_year(conn, &input.fiscal_year)?;
    let quarter = input.quarter.map(Quarter::new).transpose()?;
    check_bucket(conn, &input.bucket)?;
    if input.minutes > MAX_MINUTES {
        return Err(Invalid::new(
            "minutes",
            Problem::PlanTooLong {
                hours: i64::from(input.minutes / 60),
            },
        )
        .into());
    }
    let b = input.bucket;
    conn.execute(
        "DELETE FROM planned_allocations WHERE worker_id = ?1 AND fiscal_year_start = ?2 AND coalesce(quarter, 0) = ?3
            AND bucket = ?4 AND coalesce(team_id, 0) = ?5 AND coalesce(committee_id, 0) = ?6",
        params![input.worker_id, fy.start(), quarter.map_or(0, |q| q.number()), b.kind, b.team_id.unwrap_or(0), b.committee_id.unwrap_or(0)],
    )?;
    if input.minutes > 0 {
        conn.execute(
            "INSERT INTO planned_allocations (worker_id, fiscal_year_start, quarter, bucket, team_id, committee_id, minutes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![input.worker_id, fy.start(), quarter.map(|q| q.number()), b.kind, b.team_id, b.committee_id, input.minutes],
        )?;
    }
    for_worker(conn, input.worker_id, &fy.name())
}

fn check_bucket(conn: &Connection, b: &PlanBucket) -> Result<()> {
    match (b.kind, b.team_id, b.committee_id) {
        (PlanKind::Team, Some(id), None) => team::get(conn, id).map(|_| ()),
        (PlanKind::Committee, None, Some(id)) => committee::get(conn, id).map(|_| ()),
        (PlanKind::Internal, None, None) => Ok(()),
        _ => Err(Invalid::new("bucket", Problem::PlanBucket).into()),
    }
}

/// Planned against worked for every worker, over a fiscal year or one of its quarters.
pub fn compare(
    conn: &Connection,
    fiscal_year: &str,
    quarter: Option<u8>,
) -> Result<PlanComparison> {
    let fy = settings::fiscal_year(conn, fiscal_year)?;
    let quarter = quarter.map(Quarter::new).transpose()?;
    let (from, to) = quarter.map_or((fy.start(), fy.end()), |q| fy.quarter_span(q));
    let plans = load_plans(conn, fy)?;
    let mut rows: BTreeMap<(i64, PlanBucket), (u64, u64)> = BTreeMap::new();
    for ((worker_id, bucket), by_quarter) in &plans {
        rows.entry((*worker_id, *bucket)).or_default().0 = planned(by_quarter, quarter);
    }
    let dist = distribution::compute(conn, from, to)?;
    let mut names: BTreeMap<i64, String> = BTreeMap::new();
    for w in &dist.workers {
        names.insert(w.worker_id, w.name.clone());
        for b in &w.buckets {
            rows.entry((w.worker_id, plan_bucket(&b.bucket)))
                .or_default()
                .1 += b.minutes;
        }
    }
    let mut workers: Vec<WorkerVariance> = Vec::new();
    let mut buckets: BTreeMap<PlanBucket, (u64, u64)> = BTreeMap::new();
    for ((worker_id, bucket), (planned, actual)) in rows {
        if workers.last().is_none_or(|w| w.worker_id != worker_id) {
            let name = match names.get(&worker_id) {
                Some(n) => n.clone(),
                None => worker::get(conn, worker_id)?.name,
            };
            workers.push(WorkerVariance {
                worker_id,
                name,
                buckets: vec![],
                total: Variance::default(),
            });
        }
        let sum = buckets.entry(bucket).or_default();
        sum.0 += planned;
        sum.1 += actual;
        if let Some(w) = workers.last_mut() {
            w.buckets.push(BucketVariance {
                bucket,
                variance: Variance::new(planned, actual),
            });
            w.total = Variance::new(w.total.planned + planned, w.total.actual + actual);
        }
    }
    workers.sort_by_key(|w| crate::text::fold(&w.name));
    let total = workers.iter().fold(Variance::default(), |t, w| {
        Variance::new(t.planned + w.total.planned, t.actual + w.total.actual)
    });
    let quarters = match quarter {
        Some(_) => vec![],
        None => quarter_totals(conn, fy, &plans)?,
    };
    Ok(PlanComparison {
        fiscal_year: fy.name(),
        quarter: quarter.map(|q| q.number()),
        from,
        to,
        workers,
        buckets: buckets
            .into_iter()
            .map(|(bucket, (p, a))| BucketVariance {
                bucket,
                variance: Variance::new(p, a),
            })
            .collect(),
        quarters,
        total,
    })
}

/// Fills an empty week from the worker's plan for its quarter: each bucket's hours spread over
/// Monday to Friday in quarter-hours, on the project the worker used most for that bucket lately
/// (a committee's hours on the committee). The person then corrects what really happened.
pub fn fill_week(conn: &Connection, worker_id: i64, date: NaiveDate) -> Result<Week> {
    let monday = week::monday_of(date);
    let friday = monday + Days::new(4);
    let current = week::load(conn, worker_id, monday)?;
    if current.total > 0 {
        return Err(Error::Refused(Problem::WeekHasHours));
    }
    let fy = FiscalYear::containing(monday, settings::require(conn)?.fiscal_year_start_month);
    let quarter = fy.quarter_of(monday);
    let plans = load_plans(conn, fy)?;
    let mine: Vec<(PlanBucket, u64)> = plans
        .iter()
        .filter(|((w, _), _)| *w == worker_id)
        .map(|((_, bucket), by_quarter)| (*bucket, planned(by_quarter, quarter)))
        .collect();
    if mine.iter().all(|(_, minutes)| *minutes == 0) {
        let name = worker::get(conn, worker_id)?.name;
        return Err(Invalid::new(
            "plan",
            Problem::NoPlan {
                worker: name.to_string(),
                fiscal_year: fy.name(),
            },
        )
        .into());
    }
    for (bucket, minutes) in mine {
        let per_day = (minutes / WEEKS_PER_QUARTER / 5 + 7) / 15 * 15;
        let Some((project_id, committee_id)) = usual_target(conn, worker_id, &bucket, monday)?
        else {
            continue;
        };
        let mut day = monday;
        while per_day > 0 && day <= friday {
            if working(conn, worker_id, day)? {
                let input = TimeEntryInput {
                    worker_id,
                    work_date: day,
                    duration: duration::format(per_day as u32),
                    project_id,
                    committee_id,
                    ..TimeEntryInput::default()
                };
                entry::create(conn, &input)?;
            }
            day = day + Days::new(1);
        }
    }
    week::load(conn, worker_id, monday)
}

/// A quarter is thirteen weeks.
const WEEKS_PER_QUARTER: u64 = 13;

/// Where a bucket's hours usually go for this worker: the project of that kind they logged most
/// in the 90 days before, else the first such project; a committee is its own target.
fn usual_target(
    conn: &Connection,
    worker_id: i64,
    bucket: &PlanBucket,
    before: NaiveDate,
) -> Result<Option<(Option<i64>, Option<i64>)>> {
    // The team, where the bucket has one, is the last parameter of each query: `?4` after the
    // worker and the 90 days, `?1` alone.
    let (kinds, team) = match bucket.kind {
        PlanKind::Committee => return Ok(bucket.committee_id.map(|id| (None, Some(id)))),
        PlanKind::Internal => ("'internal', 'non_billable'", None),
        PlanKind::Team => ("'hourly', 'fixed', 'recurring'", Some(bucket.team_id)),
    };
    let eligible = |n: u8| {
        let team = match team {
            Some(_) => format!("p.team_id IS NOT DISTINCT FROM ?{n}"),
            None => "1 = 1".to_owned(),
        };
        format!("p.archived_at IS NULL AND p.billing_mode IN ({kinds}) AND {team}")
    };
    let used_sql = format!(
        "SELECT e.project_id FROM time_entries e JOIN projects p ON p.id = e.project_id
         WHERE e.worker_id = ?1 AND e.work_date BETWEEN ?2 AND ?3 AND {}
         GROUP BY e.project_id ORDER BY sum(e.minutes) DESC, e.project_id LIMIT 1",
        eligible(4)
    );
    let any_sql = format!(
        "SELECT p.id FROM projects p WHERE {} ORDER BY p.id LIMIT 1",
        eligible(1)
    );
    let since = before - Days::new(90);
    let mut used: Vec<&dyn ToSql> = vec![&worker_id, &since, &before];
    let mut any: Vec<&dyn ToSql> = Vec::new();
    if let Some(team) = &team {
        used.push(team);
        any.push(team);
    }
    let first = |sql: &str, values: &[&dyn ToSql]| -> Result<Option<i64>> {
        Ok(conn.query_row(sql, values, |r| r.get(0)).optional()?)
    };
    let project = match first(&used_sql, &used)? {
        Some(id) => Some(id),
        None => first(&any_sql, &any)?,
    };
    Ok(project.map(|id| (Some(id), None)))
}

fn working(conn: &Connection, worker_id: i64, day: NaiveDate) -> Result<bool> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM worker_statuses WHERE worker_id = ?1 AND start_on <= ?2 AND (end_on IS NULL OR end_on >= ?2)")?
        .query_row(params![worker_id, day], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// Each worker's plan per bucket: the yearly amount (index 0) and each quarter's (1 to 4).
type Plans = BTreeMap<(i64, PlanBucket), [Option<u64>; 5]>;

fn load_plans(conn: &Connection, fy: FiscalYear) -> Result<Plans> {
    let mut plans: Plans = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT worker_id, bucket, team_id, committee_id, coalesce(quarter, 0), minutes FROM planned_allocations WHERE fiscal_year_start = ?1",
    )?;
    let rows = stmt.query_map([fy.start()], |r| {
        let bucket = PlanBucket {
            kind: r.get(1)?,
            team_id: r.get(2)?,
            committee_id: r.get(3)?,
        };
        Ok((
            r.get::<_, i64>(0)?,
            bucket,
            r.get::<_, u8>(4)?,
            r.get::<_, u32>(5)?,
        ))
    })?;
    for row in rows {
        let (worker_id, bucket, slot, minutes) = row?;
        if let Some(cell) = plans
            .entry((worker_id, bucket))
            .or_default()
            .get_mut(usize::from(slot))
        {
            *cell = Some(u64::from(minutes));
        }
    }
    Ok(plans)
}

/// A quarter's own plan, else a quarter of the year's; the year's own plan, else its quarters'.
fn planned(by_quarter: &[Option<u64>; 5], quarter: Option<Quarter>) -> u64 {
    match quarter {
        Some(q) => {
            by_quarter[usize::from(q.number())].unwrap_or_else(|| by_quarter[0].unwrap_or(0) / 4)
        }
        None => by_quarter[0].unwrap_or_else(|| by_quarter[1..].iter().flatten().sum()),
    }
}

fn quarter_totals(
    conn: &Connection,
    fy: FiscalYear,
    plans: &Plans,
) -> Result<Vec<QuarterVariance>> {
    (1..=4u8)
        .map(|n| {
            let q = Quarter::new(n)?;
            let (from, to) = fy.quarter_span(q);
            let planned: u64 = plans.values().map(|p| planned(p, Some(q))).sum();
            let actual = distribution::compute(conn, from, to)?.totals.minutes;
            Ok(QuarterVariance {
                quarter: n,
                variance: Variance::new(planned, actual),
            })
        })
        .collect()
}

fn plan_bucket(b: &Bucket) -> PlanBucket {
    match b.kind {
        WorkKind::Client => PlanBucket {
            kind: PlanKind::Team,
            team_id: b.team_id,
            committee_id: None,
        },
        WorkKind::Internal => PlanBucket {
            kind: PlanKind::Internal,
            team_id: None,
            committee_id: None,
        },
        WorkKind::Committee => PlanBucket {
            kind: PlanKind::Committee,
            team_id: None,
            committee_id: b.committee_id,
        },
    }
}

impl Variance {
    fn new(planned: u64, actual: u64) -> Variance {
        let difference = actual as i64 - planned as i64;
        let percent = (planned > 0).then(|| difference as f64 / planned as f64);
        Variance {
            planned,
            actual,
            difference,
            percent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worktime::entry::tests::{fixture, input};
    use crate::worktime::entry::{self, TimeEntryInput};

    #[test]
    fn planned_against_worked_per_worker_bucket_and_quarter() {
        let f = fixture();
        let conn = f.store.conn();
        let hourly = crate::clients::project::get(conn, f.hourly).unwrap();
        let team_id = hourly.team_id.unwrap();
        let team_bucket = PlanBucket {
            kind: PlanKind::Team,
            team_id: Some(team_id),
            committee_id: None,
        };
        let legal = PlanBucket {
            kind: PlanKind::Committee,
            team_id: None,
            committee_id: Some(f.committee),
        };
        let plan = |quarter, bucket, hours: u32| PlanInput {
            worker_id: f.worker,
            fiscal_year: "2012-2013".into(),
            quarter,
            bucket,
            minutes: hours * 60,
        };
        set(conn, &plan(None, team_bucket, 800)).unwrap();
        set(conn, &plan(Some(2), team_bucket, 300)).unwrap();
        set(conn, &plan(Some(1), legal, 20)).unwrap();
        set(conn, &plan(Some(3), legal, 10)).unwrap();
        assert_eq!(
            for_worker(conn, f.worker, "2012-2013").unwrap().lines.len(),
            4
        );

        for day in ["2012-12-03", "2012-12-04"] {
            entry::create(conn, &input(&f, day, "7")).unwrap();
        }
        entry::create(
            conn,
            &TimeEntryInput {
                project_id: None,
                committee_id: Some(f.committee),
                ..input(&f, "2012-10-10", "3")
            },
        )
        .unwrap();

        let q2 = compare(conn, "2012-2013", Some(2)).unwrap();
        let omar = &q2.workers[0];
        let team_line = omar
            .buckets
            .iter()
            .find(|b| b.bucket == team_bucket)
            .unwrap();
        assert_eq!(
            (
                team_line.variance.planned,
                team_line.variance.actual,
                team_line.variance.difference
            ),
            (300 * 60, 14 * 60, (14 - 300) * 60)
        );
        let legal_q2 = omar.buckets.iter().find(|b| b.bucket == legal).unwrap();
        assert_eq!(
            (legal_q2.variance.planned, legal_q2.variance.percent),
            (0, None),
            "no plan for Q2, a quarter of no yearly plan"
        );

        let year = compare(conn, "2012-2013", None).unwrap();
        let legal_year = year
            .buckets
            .iter()
            .find(|b| b.bucket == legal)
            .unwrap()
            .variance;
        assert_eq!(
            (legal_year.planned, legal_year.actual),
            (30 * 60, 3 * 60),
            "a year without a yearly plan sums its quarters"
        );
        assert!((legal_year.percent.unwrap() + 0.9).abs() < 1e-9);
        assert_eq!(
            year.quarters
                .iter()
                .map(|q| q.variance.planned / 60)
                .collect::<Vec<_>>(),
            [200 + 20, 300, 200 + 10, 200]
        );
        assert_eq!(year.total.planned, (800 + 30) * 60);

        set(conn, &plan(Some(3), legal, 0)).unwrap();
        assert_eq!(
            for_worker(conn, f.worker, "2012-2013").unwrap().lines.len(),
            3,
            "0 hours removes the line"
        );
    }

    #[test]
    fn an_empty_week_fills_from_the_plan() {
        let f = fixture();
        let conn = f.store.conn();
        let team_id = crate::clients::project::get(conn, f.hourly)
            .unwrap()
            .team_id;
        let year = |bucket, hours: u32| PlanInput {
            worker_id: f.worker,
            fiscal_year: "2012-2013".into(),
            quarter: None,
            bucket,
            minutes: hours * 60,
        };
        assert_eq!(
            fill_week(conn, f.worker, "2013-01-16".parse().unwrap())
                .unwrap_err()
                .field(),
            Some("plan")
        );
        // 1 040 h a year is 260 a quarter, 20 a week, 4 a day; 130 h of committee work is 30 minutes a day.
        set(
            conn,
            &year(
                PlanBucket {
                    kind: PlanKind::Team,
                    team_id,
                    committee_id: None,
                },
                1040,
            ),
        )
        .unwrap();
        set(
            conn,
            &year(
                PlanBucket {
                    kind: PlanKind::Committee,
                    team_id: None,
                    committee_id: Some(f.committee),
                },
                130,
            ),
        )
        .unwrap();
        set(
            conn,
            &year(
                PlanBucket {
                    kind: PlanKind::Internal,
                    team_id: None,
                    committee_id: None,
                },
                520,
            ),
        )
        .unwrap();
        entry::create(conn, &input(&f, "2013-01-02", "3")).unwrap();

        let week = fill_week(conn, f.worker, "2013-01-16".parse().unwrap()).unwrap();
        assert_eq!(week.day_totals, [390, 390, 390, 390, 390, 0, 0]);
        let client_row = week
            .rows
            .iter()
            .find(|r| r.target.project_id == Some(f.hourly))
            .expect("the project used lately");
        assert_eq!(client_row.total, 5 * 240);
        assert!(week
            .rows
            .iter()
            .any(|r| r.target.committee_id == Some(f.committee) && r.total == 150));
        let again = fill_week(conn, f.worker, "2013-01-14".parse().unwrap()).unwrap_err();
        assert_eq!(again.code(), "week_has_hours");
    }

    #[test]
    fn refuses_a_plan_that_points_nowhere() {
        let f = fixture();
        let conn = f.store.conn();
        let both = PlanBucket {
            kind: PlanKind::Team,
            team_id: Some(1),
            committee_id: Some(f.committee),
        };
        let input = PlanInput {
            worker_id: f.worker,
            fiscal_year: "2012-2013".into(),
            quarter: None,
            bucket: both,
            minutes: 60,
        };
        assert_eq!(set(conn, &input).unwrap_err().field(), Some("bucket"));
        let q5 = PlanInput {
            quarter: Some(5),
            bucket: PlanBucket {
                kind: PlanKind::Internal,
                team_id: None,
                committee_id: None,
            },
            ..input.clone()
        };
        assert!(set(conn, &q5).is_err());
        let bad_year = PlanInput {
            fiscal_year: "2012".into(),
            ..q5
        };
        assert_eq!(
            set(conn, &bad_year).unwrap_err().field(),
            Some("fiscal_year")
        );
    }
}
