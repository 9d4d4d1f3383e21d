//! The running timer: one per worker, kept in the database so that it goes on across a
//! restart or a crash. Stopping it records a time entry.

use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Invalid, Problem, Result};
use crate::store::sql::{params, Connection, OptionalExtension};
use crate::worktime::duration::MAX_MINUTES;
use crate::worktime::entry::{self, TimeEntry, TimeEntryInput};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Timer {
    pub worker_id: i64,
    /// UTC, RFC 3339.
    pub started_at: String,
    pub project_id: Option<i64>,
    pub committee_id: Option<i64>,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TimerInput {
    pub worker_id: i64,
    #[serde(default)]
    pub project_id: Option<i64>,
    #[serde(default)]
    pub committee_id: Option<i64>,
    #[serde(default)]
    pub description: String,
}

/// What starting a timer did: the new timer, and the entry recorded for the one it replaced.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Started {
    pub timer: Timer,
    pub stopped: Option<TimeEntry>,
}

pub fn get(conn: &Connection, worker_id: i64) -> Result<Option<Timer>> {
    let timer = conn
        .prepare_cached("SELECT worker_id, started_at, project_id, committee_id, description FROM timers WHERE worker_id = ?1")?
        .query_row([worker_id], |row| {
            Ok(Timer { worker_id: row.get(0)?, started_at: row.get(1)?, project_id: row.get(2)?, committee_id: row.get(3)?, description: row.get(4)? })
        })
        .optional()?;
    Ok(timer)
}

/// Starts a timer at `now`; a timer already running for the worker is stopped first and its
/// time recorded, so that switching tasks is one key.
pub fn start(conn: &Connection, input: &TimerInput, now: DateTime<Utc>) -> Result<Started> {
    // Check the target the way an entry would be checked, before anything changes.
    let probe = TimeEntryInput {
        worker_id: input.worker_id,
        work_date: now.with_timezone(&Local).date_naive(),
        duration: "1m".into(),
        project_id: input.project_id,
        committee_id: input.committee_id,
        description: input.description.clone(),
        ..TimeEntryInput::default()
    };
    entry::check(conn, &probe)?;
    let stopped = match get(conn, input.worker_id)? {
        Some(_) => stop(conn, input.worker_id, now)?,
        None => None,
    };
    conn.execute(
        "INSERT INTO timers (worker_id, started_at, project_id, committee_id, description) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![input.worker_id, now.to_rfc3339(), input.project_id, input.committee_id, input.description],
    )?;
    let timer = get(conn, input.worker_id)?.ok_or(crate::Error::NotFound {
        entity: "timer",
        id: input.worker_id,
    })?;
    Ok(Started { timer, stopped })
}

/// Stops the worker's timer and records its time as an entry on the day it started. Less than
/// a minute records nothing; more than a day is refused (the timer keeps running) so that a
/// forgotten timer never becomes a 30-hour day: discard it and type the time instead.
pub fn stop(conn: &Connection, worker_id: i64, now: DateTime<Utc>) -> Result<Option<TimeEntry>> {
    let Some(timer) = get(conn, worker_id)? else {
        return Ok(None);
    };
    let started = DateTime::parse_from_rfc3339(&timer.started_at)
        .map_err(|_| Invalid::new("timer", Problem::TimerUnreadable))?
        .with_timezone(&Utc);
    let minutes = (now - started).num_minutes().max(0);
    if minutes > i64::from(MAX_MINUTES) {
        return Err(Invalid::new(
            "timer",
            Problem::TimerTooLong {
                hours: minutes / 60,
            },
        )
        .into());
    }
    conn.execute("DELETE FROM timers WHERE worker_id = ?1", [worker_id])?;
    if minutes == 0 {
        return Ok(None);
    }
    let local_start = started.with_timezone(&Local);
    let input = TimeEntryInput {
        worker_id,
        work_date: local_start.date_naive(),
        duration: format!("{minutes}m"),
        start_time: Some(local_start.format("%H:%M").to_string()),
        end_time: None,
        project_id: timer.project_id,
        committee_id: timer.committee_id,
        description: timer.description,
        billable: None,
    };
    Ok(Some(entry::create(conn, &input)?))
}

/// Throws the running timer away without recording anything.
pub fn discard(conn: &Connection, worker_id: i64) -> Result<()> {
    conn.execute("DELETE FROM timers WHERE worker_id = ?1", [worker_id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::worktime::entry::tests::fixture;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Local
            .with_ymd_and_hms(2013, 1, 15, hour, minute, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn stopping_records_the_elapsed_time() {
        let f = fixture();
        let conn = f.store.conn();
        let input = TimerInput {
            worker_id: f.worker,
            project_id: Some(f.hourly),
            committee_id: None,
            description: "Mise à jour Drupal".into(),
        };
        start(conn, &input, at(9, 0)).unwrap();
        let entry = stop(conn, f.worker, at(10, 35)).unwrap().unwrap();
        assert_eq!(
            (
                entry.minutes,
                entry.start_time.as_deref(),
                entry.work_date.to_string().as_str()
            ),
            (95, Some("09:00"), "2013-01-15")
        );
        assert_eq!(entry.description, "Mise à jour Drupal");
        assert_eq!(get(conn, f.worker).unwrap(), None);
        assert_eq!(
            stop(conn, f.worker, at(11, 0)).unwrap(),
            None,
            "no timer, nothing recorded"
        );
    }

    #[test]
    fn starting_another_task_stops_the_first() {
        let f = fixture();
        let conn = f.store.conn();
        start(
            conn,
            &TimerInput {
                worker_id: f.worker,
                project_id: Some(f.hourly),
                committee_id: None,
                description: String::new(),
            },
            at(9, 0),
        )
        .unwrap();
        let meeting = TimerInput {
            worker_id: f.worker,
            project_id: None,
            committee_id: Some(f.committee),
            description: String::new(),
        };
        let started = start(conn, &meeting, at(9, 40)).unwrap();
        assert_eq!(started.stopped.map(|e| e.minutes), Some(40));
        assert_eq!(started.timer.committee_id, Some(f.committee));
    }

    #[test]
    fn a_forgotten_timer_is_not_a_thirty_hour_day() {
        let f = fixture();
        let conn = f.store.conn();
        start(
            conn,
            &TimerInput {
                worker_id: f.worker,
                project_id: Some(f.hourly),
                committee_id: None,
                description: String::new(),
            },
            at(9, 0),
        )
        .unwrap();
        let next_day = at(9, 0) + chrono::Duration::hours(30);
        assert_eq!(
            stop(conn, f.worker, next_day).unwrap_err().field(),
            Some("timer")
        );
        assert!(
            get(conn, f.worker).unwrap().is_some(),
            "the timer is kept until discarded"
        );
        discard(conn, f.worker).unwrap();
        assert_eq!(get(conn, f.worker).unwrap(), None);
    }

    #[test]
    fn a_timer_for_nothing_is_refused() {
        let f = fixture();
        let conn = f.store.conn();
        let nothing = TimerInput {
            worker_id: f.worker,
            project_id: None,
            committee_id: None,
            description: String::new(),
        };
        assert_eq!(
            start(conn, &nothing, at(9, 0)).unwrap_err().field(),
            Some("project_id")
        );
        assert_eq!(get(conn, f.worker).unwrap(), None);
    }
}
