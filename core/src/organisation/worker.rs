//! Workers: members who work for the collective, with their status history (salaried or
//! freelance, weekly hours) and wage history (hourly rate and employer charges from a date).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::listing::{ListQuery, Listing, Page};
use crate::lock;
use crate::money::Cents;
use crate::organisation::member::{self, MemberInput, MemberKind};
use crate::store::sql::{params, Connection, OptionalExtension, Row};
use crate::text::text_enum;

text_enum! {
    pub enum WorkStatus { Salaried => "salaried", Freelance => "freelance" }
}

/// Eighty hours a week: more is a typo, not a schedule.
const MAX_WEEKLY_MINUTES: u32 = 80 * 60;
/// A hundred per cent of employer charges on top of the wage is already far beyond Quebec's.
const MAX_CHARGES_BP: u32 = 10_000;
/// An hourly wage above 1 000 $ is a typo.
const MAX_HOURLY_RATE: Cents = Cents(100_000);

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StatusPeriod {
    pub id: i64,
    pub status: WorkStatus,
    pub weekly_minutes: u32,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Wage {
    pub id: i64,
    pub effective_on: NaiveDate,
    pub hourly_rate: Cents,
    /// Employer charges in basis points: 1 500 is 15 %.
    pub employer_charges_bp: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Worker {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub archived: bool,
    /// Oldest first.
    pub statuses: Vec<StatusPeriod>,
    /// Oldest first.
    pub wages: Vec<Wage>,
    pub team_ids: Vec<i64>,
}

/// A row of the workers list: status and rate as of today.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkerSummary {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub archived: bool,
    pub status: Option<WorkStatus>,
    pub weekly_minutes: Option<u32>,
    pub hourly_rate: Option<Cents>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewWorker {
    /// An existing member who starts working; without it a new member (a person) is created.
    #[serde(default)]
    pub member_id: Option<i64>,
    #[serde(default)]
    pub name: String,
    pub status: StatusInput,
    pub wage: WageInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatusInput {
    pub status: WorkStatus,
    pub weekly_minutes: u32,
    pub start_on: NaiveDate,
    #[serde(default)]
    pub end_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct WageInput {
    pub effective_on: NaiveDate,
    pub hourly_rate: Cents,
    pub employer_charges_bp: u32,
}

const SELECT: &str = "SELECT workers.id, workers.member_id, members.name, workers.archived_at,
        (SELECT status FROM worker_statuses s WHERE s.worker_id = workers.id AND s.start_on <= date('now', 'localtime')
            AND (s.end_on IS NULL OR s.end_on >= date('now', 'localtime')) ORDER BY s.start_on DESC LIMIT 1),
        (SELECT weekly_minutes FROM worker_statuses s WHERE s.worker_id = workers.id AND s.start_on <= date('now', 'localtime')
            AND (s.end_on IS NULL OR s.end_on >= date('now', 'localtime')) ORDER BY s.start_on DESC LIMIT 1),
        (SELECT hourly_rate_cents FROM worker_wages w WHERE w.worker_id = workers.id AND w.effective_on <= date('now', 'localtime')
            ORDER BY w.effective_on DESC LIMIT 1),
        members.name_key AS sort_key, workers.id AS id
    FROM workers JOIN members ON members.id = workers.member_id";

pub fn list(conn: &Connection, query: &ListQuery) -> Result<Page<WorkerSummary>> {
    Listing {
        select: SELECT,
        key: "members.name_key",
        id: "workers.id",
        archived: "workers.archived_at",
        filters: vec![],
    }
    .fetch(conn, query, summary_from_row)
}

pub fn get(conn: &Connection, id: i64) -> Result<Worker> {
    let (member_id, name, archived) = conn
        .query_row(
            "SELECT workers.member_id, members.name, workers.archived_at IS NOT NULL
             FROM workers JOIN members ON members.id = workers.member_id WHERE workers.id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .or_not_found("worker", id)?;
    let statuses = conn
        .prepare_cached("SELECT id, status, weekly_minutes, start_on, end_on FROM worker_statuses WHERE worker_id = ?1 ORDER BY start_on")?
        .query_map([id], |row| {
            Ok(StatusPeriod { id: row.get(0)?, status: row.get(1)?, weekly_minutes: row.get(2)?, start_on: row.get(3)?, end_on: row.get(4)? })
        })?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    let wages = conn
        .prepare_cached("SELECT id, effective_on, hourly_rate_cents, employer_charges_bp FROM worker_wages WHERE worker_id = ?1 ORDER BY effective_on")?
        .query_map([id], |row| Ok(Wage { id: row.get(0)?, effective_on: row.get(1)?, hourly_rate: Cents(row.get(2)?), employer_charges_bp: row.get(3)? }))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    let team_ids = conn
        .prepare_cached("SELECT team_id FROM team_workers WHERE worker_id = ?1 ORDER BY team_id")?
        .query_map([id], |row| row.get(0))?
        .collect::<crate::store::sql::Result<Vec<i64>>>()?;
    Ok(Worker {
        id,
        member_id,
        name,
        archived,
        statuses,
        wages,
        team_ids,
    })
}

/// The worker with this name, accents and case ignored (for the command line).
pub fn by_name(conn: &Connection, name: &str) -> Result<i64> {
    conn.query_row(
        "SELECT workers.id FROM workers JOIN members ON members.id = workers.member_id WHERE members.name_key = ?1 ORDER BY workers.id",
        [crate::text::fold(name)],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| Invalid::new("worker", Problem::UnknownWorker { name: name.to_string() }).into())
}

/// Makes a member a worker (creating the member when `member_id` is absent) with a first
/// status and wage.
pub fn create(conn: &Connection, input: &NewWorker) -> Result<Worker> {
    let member_id = match input.member_id {
        Some(id) => member::get(conn, id)?.id,
        None => {
            let person = MemberInput {
                kind: MemberKind::Person,
                name: input.name.clone(),
                email: String::new(),
                phone: String::new(),
                address: String::new(),
                joined_on: Some(input.status.start_on),
            };
            member::create(conn, &person)?.id
        }
    };
    let already: Option<i64> = conn
        .query_row(
            "SELECT id FROM workers WHERE member_id = ?1",
            [member_id],
            |r| r.get(0),
        )
        .optional()?;
    if already.is_some() {
        return Err(Invalid::new("member_id", Problem::AlreadyWorker).into());
    }
    let now = clock::now();
    let id: i64 = conn.query_row(
        "INSERT INTO workers (member_id, created_at, updated_at) VALUES (?1, ?2, ?2) RETURNING id",
        params![member_id, now],
        |r| r.get(0),
    )?;
    add_status(conn, id, &input.status)?;
    add_wage(conn, id, &input.wage)?;
    get(conn, id)
}

/// Adds a status period. An open period that started earlier is closed the day before the new
/// one starts (a change of status); any other overlap is refused.
pub fn add_status(conn: &Connection, worker_id: i64, input: &StatusInput) -> Result<Worker> {
    let input = validated_status(input)?;
    lock::ensure_open(conn, input.start_on)?;
    let worker = get(conn, worker_id)?;
    for period in &worker.statuses {
        let open_before = period.end_on.is_none() && period.start_on < input.start_on;
        if open_before {
            let closed_on = input.start_on.pred_opt().unwrap_or(input.start_on);
            conn.execute(
                "UPDATE worker_statuses SET end_on = ?1 WHERE id = ?2",
                params![closed_on, period.id],
            )?;
        } else if overlaps(period.start_on, period.end_on, input.start_on, input.end_on) {
            let until = period
                .end_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "…".into());
            return Err(Invalid::new(
                "start_on",
                Problem::PeriodOverlaps {
                    start: period.start_on.into(),
                    end: until.to_string(),
                },
            )
            .into());
        }
    }
    conn.execute(
        "INSERT INTO worker_statuses (worker_id, status, weekly_minutes, start_on, end_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![worker_id, input.status, input.weekly_minutes, input.start_on, input.end_on, clock::now()],
    )?;
    get(conn, worker_id)
}

pub fn remove_status(conn: &Connection, worker_id: i64, period_id: i64) -> Result<Worker> {
    if let Some(period) = get(conn, worker_id)?
        .statuses
        .iter()
        .find(|p| p.id == period_id)
    {
        lock::ensure_open(conn, period.start_on)?;
    }
    let rows = conn.execute(
        "DELETE FROM worker_statuses WHERE id = ?1 AND worker_id = ?2",
        params![period_id, worker_id],
    )?;
    changed(rows, "status period", period_id)?;
    get(conn, worker_id)
}

/// Adds the hourly rate in force from a date. One rate per date: a second one for the same
/// date is refused rather than silently replacing a wage.
pub fn add_wage(conn: &Connection, worker_id: i64, input: &WageInput) -> Result<Worker> {
    if input.hourly_rate.0 < 0 || input.hourly_rate > MAX_HOURLY_RATE {
        return Err(Invalid::new(
            "hourly_rate",
            Problem::AmountRange {
                min: Cents(0).into(),
                max: MAX_HOURLY_RATE.into(),
            },
        )
        .into());
    }
    if input.employer_charges_bp > MAX_CHARGES_BP {
        return Err(Invalid::new(
            "employer_charges_bp",
            Problem::PercentRange { min: 0, max: 100 },
        )
        .into());
    }
    get(conn, worker_id)?;
    lock::ensure_open(conn, input.effective_on)?;
    let result = conn.execute(
        "INSERT INTO worker_wages (worker_id, effective_on, hourly_rate_cents, employer_charges_bp, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![worker_id, input.effective_on, input.hourly_rate.0, input.employer_charges_bp, clock::now()],
    );
    match result {
        Err(e) if e.is_constraint() => Err(Invalid::new(
            "effective_on",
            Problem::RateStartsThatDay {
                date: input.effective_on.into(),
            },
        )
        .into()),
        other => {
            other?;
            get(conn, worker_id)
        }
    }
}

pub fn remove_wage(conn: &Connection, worker_id: i64, wage_id: i64) -> Result<Worker> {
    if let Some(wage) = get(conn, worker_id)?.wages.iter().find(|w| w.id == wage_id) {
        lock::ensure_open(conn, wage.effective_on)?;
    }
    let rows = conn.execute(
        "DELETE FROM worker_wages WHERE id = ?1 AND worker_id = ?2",
        params![wage_id, worker_id],
    )?;
    changed(rows, "wage", wage_id)?;
    get(conn, worker_id)
}

/// The wage in force on `date`, if any rate starts on or before it.
pub fn wage_on(conn: &Connection, worker_id: i64, date: NaiveDate) -> Result<Option<Wage>> {
    let wage = conn
        .prepare_cached(
            "SELECT id, effective_on, hourly_rate_cents, employer_charges_bp FROM worker_wages
             WHERE worker_id = ?1 AND effective_on <= ?2 ORDER BY effective_on DESC LIMIT 1",
        )?
        .query_row(params![worker_id, date], |row| {
            Ok(Wage {
                id: row.get(0)?,
                effective_on: row.get(1)?,
                hourly_rate: Cents(row.get(2)?),
                employer_charges_bp: row.get(3)?,
            })
        })
        .optional()?;
    Ok(wage)
}

pub fn set_teams(conn: &Connection, worker_id: i64, team_ids: &[i64]) -> Result<Worker> {
    get(conn, worker_id)?;
    conn.execute("DELETE FROM team_workers WHERE worker_id = ?1", [worker_id])?;
    for team_id in team_ids {
        crate::organisation::team::get(conn, *team_id)?;
        conn.execute(
            "INSERT INTO team_workers (team_id, worker_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![team_id, worker_id],
        )?;
    }
    get(conn, worker_id)
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<Worker> {
    crate::listing::set_archived(conn, "workers", "worker", id, archived)?;
    get(conn, id)
}

fn validated_status(input: &StatusInput) -> Result<StatusInput, Invalid> {
    if input.weekly_minutes > MAX_WEEKLY_MINUTES {
        return Err(Invalid::new(
            "weekly_minutes",
            Problem::HoursRange { min: 0, max: 80 },
        ));
    }
    if input.end_on.is_some_and(|end| end < input.start_on) {
        return Err(Invalid::new(
            "end_on",
            Problem::EndBeforeStart {
                start: input.start_on.into(),
                end: input.end_on.unwrap_or(input.start_on).into(),
            },
        ));
    }
    Ok(input.clone())
}

fn overlaps(
    a_start: NaiveDate,
    a_end: Option<NaiveDate>,
    b_start: NaiveDate,
    b_end: Option<NaiveDate>,
) -> bool {
    let a_end = a_end.unwrap_or(NaiveDate::MAX);
    let b_end = b_end.unwrap_or(NaiveDate::MAX);
    a_start <= b_end && b_start <= a_end
}

fn summary_from_row(row: &Row) -> crate::store::sql::Result<WorkerSummary> {
    Ok(WorkerSummary {
        id: row.get(0)?,
        member_id: row.get(1)?,
        name: row.get(2)?,
        archived: row.get::<_, Option<String>>(3)?.is_some(),
        status: row.get(4)?,
        weekly_minutes: row.get(5)?,
        hourly_rate: row.get::<_, Option<i64>>(6)?.map(Cents),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn hire(conn: &Connection, name: &str, start: &str, rate: i64) -> Worker {
        create(
            conn,
            &NewWorker {
                member_id: None,
                name: name.into(),
                status: StatusInput {
                    status: WorkStatus::Salaried,
                    weekly_minutes: 35 * 60,
                    start_on: d(start),
                    end_on: None,
                },
                wage: WageInput {
                    effective_on: d(start),
                    hourly_rate: Cents(rate),
                    employer_charges_bp: 1_500,
                },
            },
        )
        .unwrap()
    }

    #[test]
    fn a_change_of_status_closes_the_open_period() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let w = hire(conn, "Gabriel Roy", "2011-03-01", 1_800);
        let status = StatusInput {
            status: WorkStatus::Freelance,
            weekly_minutes: 20 * 60,
            start_on: d("2012-09-01"),
            end_on: None,
        };
        let w = add_status(conn, w.id, &status).unwrap();
        let spans: Vec<_> = w
            .statuses
            .iter()
            .map(|s| (s.status, s.start_on, s.end_on))
            .collect();
        assert_eq!(
            spans,
            vec![
                (WorkStatus::Salaried, d("2011-03-01"), Some(d("2012-08-31"))),
                (WorkStatus::Freelance, d("2012-09-01"), None)
            ]
        );
        let overlapping = StatusInput {
            start_on: d("2012-06-01"),
            end_on: Some(d("2012-10-01")),
            ..status
        };
        let err = add_status(conn, w.id, &overlapping).unwrap_err();
        assert_eq!(err.field(), Some("start_on"));
    }

    #[test]
    fn the_wage_in_force_follows_the_raise() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let w = hire(conn, "Diane Bouchard", "2012-09-01", 1_800);
        let raise = WageInput {
            effective_on: d("2013-01-01"),
            hourly_rate: Cents(1_900),
            employer_charges_bp: 1_500,
        };
        add_wage(conn, w.id, &raise).unwrap();
        let rate = |day: &str| {
            wage_on(conn, w.id, d(day))
                .unwrap()
                .map(|w| w.hourly_rate.0)
        };
        assert_eq!(rate("2012-08-31"), None);
        assert_eq!(rate("2012-12-31"), Some(1_800));
        assert_eq!(rate("2013-01-01"), Some(1_900));
        let err = add_wage(conn, w.id, &raise).unwrap_err();
        assert_eq!(
            err.field(),
            Some("effective_on"),
            "a second rate on the same day is refused: {err}"
        );
    }

    #[test]
    fn refuses_absurd_values() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let w = hire(conn, "Paul Tibère", "2012-09-01", 1_800);
        let too_long = StatusInput {
            status: WorkStatus::Salaried,
            weekly_minutes: 100 * 60,
            start_on: d("2013-01-01"),
            end_on: None,
        };
        assert_eq!(
            add_status(conn, w.id, &too_long).unwrap_err().field(),
            Some("weekly_minutes")
        );
        let negative = WageInput {
            effective_on: d("2013-01-01"),
            hourly_rate: Cents(-1),
            employer_charges_bp: 0,
        };
        assert_eq!(
            add_wage(conn, w.id, &negative).unwrap_err().field(),
            Some("hourly_rate")
        );
        let member_id = w.member_id;
        let again = NewWorker {
            member_id: Some(member_id),
            ..NewWorker {
                member_id: None,
                name: String::new(),
                status: too_long,
                wage: negative,
            }
        };
        assert!(create(conn, &again).is_err());
    }
}
