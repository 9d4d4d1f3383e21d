//! The demo's time entries for fiscal years 2011-2012 and 2012-2013: every worker's working
//! days (no weekends, Quebec holidays, the holiday closure, two weeks of summer vacation), split
//! between client work, internal work and their committees. In 2012-2013 the hourly client
//! work shrinks to about half (departures, fewer sales) while internal work holds steady.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;

use super::date;
use crate::error::Result;
use crate::store::sql::{params, Connection};
use crate::worktime::entry::{self, Checked};

/// Shares of a day, per fiscal year: (hourly client work, contract client work, internal).
/// What is left goes to the worker's committees.
/// The first day of the demo's hours: its first fiscal year in Konbit starts then.
pub(super) const FIRST_DAY: &str = "2011-09-01";
pub(super) const SHARES_2011: (f64, f64, f64) = (0.37, 0.14, 0.28);
const SHARES_2012: (f64, f64, f64) = (0.20, 0.30, 0.28);

/// What a worker can spend a day on.
pub(super) struct Choices {
    hourly: Vec<i64>,
    contracts: Vec<i64>,
    internal: Vec<i64>,
    committees: Vec<i64>,
}

pub(super) fn create(conn: &Connection, rng: &mut StdRng) -> Result<usize> {
    let (first, last) = (date(FIRST_DAY), date("2013-08-31"));
    let mut count = 0;
    let workers: Vec<(i64, i64)> = conn
        .prepare("SELECT id, member_id FROM workers ORDER BY id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    let mut writer = entry::Writer::new(conn)?;
    for (worker_id, member_id) in workers {
        let choices = choices(conn, worker_id, member_id)?;
        let periods: Vec<(NaiveDate, Option<NaiveDate>, u32)> = conn
            .prepare(
                "SELECT start_on, end_on, weekly_minutes FROM worker_statuses WHERE worker_id = ?1",
            )?
            .query_map([worker_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect::<crate::store::sql::Result<_>>()?;
        let vacations = [vacation(rng, 2012), vacation(rng, 2013)];
        let mut day = first;
        while day <= last {
            let weekly = periods
                .iter()
                .find(|(s, e, _)| *s <= day && e.is_none_or(|e| e >= day))
                .map(|p| p.2);
            let off = vacations.iter().any(|(s, e)| *s <= day && day <= *e);
            if let (Some(weekly), false, true) = (weekly, off, is_working_day(day)) {
                let shares = if day < date("2012-09-01") {
                    SHARES_2011
                } else {
                    SHARES_2012
                };
                for e in day_parts(rng, worker_id, day, weekly, shares, &choices) {
                    writer.insert(&e, None)?;
                    count += 1;
                }
            }
            day = day + Days::new(1);
        }
    }
    writer.finish()?;
    Ok(count)
}

/// One worker's day split between a client project billed by the hour, a contract, internal
/// work and a committee, in the given `shares`, each part rounded to the quarter hour.
pub(super) fn day_parts(
    rng: &mut StdRng,
    worker_id: i64,
    day: NaiveDate,
    weekly: u32,
    shares: (f64, f64, f64),
    c: &Choices,
) -> Vec<Checked> {
    let jitter: i64 = rng.random_range(-4..=4) * 15;
    let minutes = ((i64::from(weekly) / 5 + jitter).max(60) / 15 * 15) as f64;
    let (hourly, contracts, internal) = shares;
    let mut parts: Vec<(Option<i64>, Option<i64>, f64, bool)> = Vec::new();
    let mut pick = |list: &[i64]| list.choose(rng).copied();
    if let Some(p) = pick(&c.hourly) {
        parts.push((Some(p), None, hourly, true));
    }
    if let Some(p) = pick(&c.contracts) {
        parts.push((Some(p), None, contracts, false));
    }
    if let Some(p) = pick(&c.internal) {
        parts.push((Some(p), None, internal, false));
    }
    if let Some(k) = pick(&c.committees) {
        parts.push((None, Some(k), 1.0 - hourly - contracts - internal, false));
    }
    let total: f64 = parts.iter().map(|p| p.2).sum();
    parts
        .into_iter()
        .filter_map(|(project_id, committee_id, share, billable)| {
            let part = (minutes * share / total / 15.0).round() as u32 * 15;
            (part > 0).then(|| Checked {
                worker_id,
                work_date: day,
                minutes: part,
                start_time: None,
                project_id,
                committee_id,
                description: String::new(),
                billable,
            })
        })
        .collect()
}

/// The projects and committees this worker spends time on, from their teams and memberships.
pub(super) fn choices(conn: &Connection, worker_id: i64, member_id: i64) -> Result<Choices> {
    let ids = |sql: &str, id: i64| -> Result<Vec<i64>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_map(params![id], |row| row.get(0))?
            .collect::<crate::store::sql::Result<_>>()?)
    };
    let team_projects = "SELECT p.id FROM projects p WHERE p.billing_mode = ?2
        AND (p.team_id IN (SELECT team_id FROM team_workers WHERE worker_id = ?1)
             OR NOT EXISTS (SELECT 1 FROM team_workers WHERE worker_id = ?1)) ORDER BY p.id";
    let by_mode = |mode: &str| -> Result<Vec<i64>> {
        Ok(conn
            .prepare_cached(team_projects)?
            .query_map(params![worker_id, mode], |row| row.get(0))?
            .collect::<crate::store::sql::Result<_>>()?)
    };
    let mut internal = ids(
        "SELECT id FROM projects WHERE billing_mode = 'internal' AND (team_id IS NULL OR team_id IN
            (SELECT team_id FROM team_workers WHERE worker_id = ?1)) ORDER BY id",
        worker_id,
    )?;
    if internal.is_empty() {
        internal = ids(
            "SELECT id FROM projects WHERE billing_mode = 'internal' AND ?1 > 0 ORDER BY id",
            1,
        )?;
    }
    Ok(Choices {
        hourly: by_mode("hourly")?,
        contracts: by_mode("recurring")?,
        internal,
        committees: ids(
            "SELECT committee_id FROM committee_members WHERE member_id = ?1 ORDER BY committee_id",
            member_id,
        )?,
    })
}

/// Two weeks off in July or August.
pub(super) fn vacation(rng: &mut StdRng, year: i32) -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(year, 7, 1).unwrap_or(NaiveDate::MIN)
        + Days::new(rng.random_range(0..6u64) * 7);
    (start, start + Days::new(13))
}

pub(super) fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(day)
}

/// Quebec's statutory holidays of 2011 to 2013, and the collective's closure between Christmas
/// and New Year.
fn is_holiday(day: NaiveDate) -> bool {
    const HOLIDAYS: &[&str] = &[
        "2011-09-05",
        "2011-10-10",
        "2012-04-06",
        "2012-04-09",
        "2012-05-21",
        "2012-06-25",
        "2012-07-02",
        "2012-09-03",
        "2012-10-08",
        "2013-03-29",
        "2013-04-01",
        "2013-05-20",
        "2013-06-24",
        "2013-07-01",
    ];
    let closure = (day.month() == 12 && day.day() >= 24) || (day.month() == 1 && day.day() <= 2);
    closure || HOLIDAYS.contains(&day.format("%Y-%m-%d").to_string().as_str())
}
