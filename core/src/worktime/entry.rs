//! Time entries: some minutes of one worker on one day, for a project or a committee.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clients::project::{self, BillingMode};
use crate::clock;
use crate::error::{changed, Error, Invalid, OrNotFound, Problem, Result};
use crate::lock;
use crate::organisation::{committee, worker};
use crate::store::sql::{params, Connection, OptionalExtension, Row};
use crate::text::free_text;
use crate::worktime::{duration, months};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TimeEntry {
    pub id: i64,
    pub worker_id: i64,
    pub work_date: NaiveDate,
    pub minutes: u32,
    /// `HH:MM` when the entry was typed with a start and end, or came from the timer.
    pub start_time: Option<String>,
    pub project_id: Option<i64>,
    pub committee_id: Option<i64>,
    pub description: String,
    pub billable: bool,
}

/// What a person types for one entry: a duration (`1:30`, `1h30`, `1,5`, `90m`) or a start and
/// an end time, and either a project or a committee.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct TimeEntryInput {
    pub worker_id: i64,
    pub work_date: NaiveDate,
    #[serde(default)]
    pub duration: String,
    #[serde(default)]
    pub start_time: Option<String>,
    #[serde(default)]
    pub end_time: Option<String>,
    #[serde(default)]
    pub project_id: Option<i64>,
    #[serde(default)]
    pub committee_id: Option<i64>,
    #[serde(default)]
    pub description: String,
    /// Defaults from the project: hourly client work is billable, the rest is not.
    #[serde(default)]
    pub billable: Option<bool>,
}

/// An entry ready to be written: checked, with its minutes and billable flag decided.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
    pub worker_id: i64,
    pub work_date: NaiveDate,
    pub minutes: u32,
    pub start_time: Option<String>,
    pub project_id: Option<i64>,
    pub committee_id: Option<i64>,
    pub description: String,
    pub billable: bool,
}

const SELECT: &str = "SELECT id, worker_id, work_date, minutes, start_time, project_id, committee_id, description, billable FROM time_entries";

pub fn get(conn: &Connection, id: i64) -> Result<TimeEntry> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .or_not_found("time entry", id)
}

/// A worker's entries from `from` to `to`, both included, by date.
pub fn between(
    conn: &Connection,
    worker_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<TimeEntry>> {
    let entries = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE worker_id = ?1 AND work_date BETWEEN ?2 AND ?3 ORDER BY work_date, id"
        ))?
        .query_map(params![worker_id, from, to], from_row)?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(entries)
}

/// The last day anyone recorded hours on, if any: where screens about past years open.
pub fn latest_date(conn: &Connection) -> Result<Option<NaiveDate>> {
    Ok(
        conn.query_row("SELECT max(work_date) FROM time_entries", [], |row| {
            row.get(0)
        })?,
    )
}

pub fn create(conn: &Connection, input: &TimeEntryInput) -> Result<TimeEntry> {
    let e = check(conn, input)?;
    let mut writer = Writer::new(conn)?;
    // Only an imported line (with a source) can be there already.
    let id = writer
        .insert(&e, None)?
        .ok_or_else(|| Error::internal("a new time entry was taken for one already there"))?;
    writer.finish()?;
    get(conn, id)
}

pub fn update(conn: &Connection, id: i64, input: &TimeEntryInput) -> Result<TimeEntry> {
    let before = ensure_editable(conn, id)?;
    let e = check(conn, input)?;
    lock::ensure_open(conn, e.work_date)?;
    let others = day_minutes(conn, e.worker_id, e.work_date)?
        - if (before.worker_id, before.work_date) == (e.worker_id, e.work_date) {
            before.minutes
        } else {
            0
        };
    ensure_day_fits(
        conn,
        e.worker_id,
        e.work_date,
        e.minutes,
        others + e.minutes,
    )?;
    let rows = conn.execute(
        "UPDATE time_entries SET worker_id = ?1, work_date = ?2, minutes = ?3, start_time = ?4, project_id = ?5, committee_id = ?6,
                description = ?7, billable = ?8, updated_at = ?9 WHERE id = ?10",
        params![e.worker_id, e.work_date, e.minutes, e.start_time, e.project_id, e.committee_id, e.description, e.billable, clock::now(), id],
    )?;
    changed(rows, "time entry", id)?;
    let mut tally = months::Tally::default();
    tally.add(before.worked(), -1);
    tally.add(e.worked(), 1);
    tally.write(conn)?;
    get(conn, id)
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let before = ensure_editable(conn, id)?;
    changed(
        conn.execute("DELETE FROM time_entries WHERE id = ?1", [id])?,
        "time entry",
        id,
    )?;
    let mut tally = months::Tally::default();
    tally.add(before.worked(), -1);
    tally.write(conn)
}

/// Writes checked entries, all stamped with the moment it was made, and keeps the monthly sums
/// ([`months::Tally`]) as it goes: one entry as it is saved, or an import's or the demo's many.
pub(crate) struct Writer<'c> {
    conn: &'c Connection,
    insert: crate::store::sql::Statement<'c>,
    now: String,
    tally: months::Tally,
    lock: lock::Lock,
    /// Each day's minutes of a worker, read once from the database then kept as entries are
    /// added: an import checks its 24-hour days without a query per line.
    days: std::collections::HashMap<(i64, NaiveDate), u32>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<Writer<'c>> {
        let insert = conn.prepare_cached(
            "INSERT INTO time_entries (worker_id, work_date, minutes, start_time, project_id, committee_id, description, billable, source,
                                       created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
             ON CONFLICT (source) WHERE source IS NOT NULL DO NOTHING RETURNING id",
        )?;
        Ok(Writer {
            conn,
            insert,
            now: clock::now(),
            tally: months::Tally::default(),
            lock: lock::Lock::read(conn)?,
            days: Default::default(),
        })
    }

    /// Writes an entry; `source` marks an imported line (see `import`). Returns false, and
    /// writes nothing, when an entry with that source is already there. Refuses an entry that
    /// would put more than 24 h in its worker's day; the caller's transaction drops the row.
    /// Answers the new entry's id.
    pub(crate) fn insert(&mut self, e: &Checked, source: Option<&str>) -> Result<Option<i64>> {
        self.lock.check(e.work_date)?;
        let day = (e.worker_id, e.work_date);
        let before = match self.days.get(&day) {
            Some(&minutes) => minutes,
            None => day_minutes(self.conn, e.worker_id, e.work_date)?,
        };
        // Checked before writing, so nothing is left behind even outside a transaction; a line
        // imported before is written no second time, so it cannot overfill its day.
        if before + e.minutes > DAY && !self.already_imported(source)? {
            ensure_day_fits(
                self.conn,
                e.worker_id,
                e.work_date,
                e.minutes,
                before + e.minutes,
            )?;
        }
        // The date through `Display` rather than rusqlite's `%F` strftime, parsed again for each
        // row: 3 % of an import of 100 000 lines.
        let id: Option<i64> = self
            .insert
            .query_row(
                params![
                    e.worker_id,
                    e.work_date.to_string(),
                    e.minutes,
                    e.start_time,
                    e.project_id,
                    e.committee_id,
                    e.description,
                    e.billable,
                    source,
                    self.now
                ],
                |r| r.get(0),
            )
            .optional()?;
        if id.is_some() {
            self.tally.add(e.worked(), 1);
        }
        self.days
            .insert(day, before + if id.is_some() { e.minutes } else { 0 });
        Ok(id)
    }

    fn already_imported(&self, source: Option<&str>) -> Result<bool> {
        let Some(source) = source else {
            return Ok(false);
        };
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM time_entries WHERE source = ?1")?
            .query_row([source], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    /// Writes the sums of what was inserted: nothing is kept unless this runs.
    pub(crate) fn finish(self) -> Result<()> {
        self.tally.write(self.conn)
    }
}

/// What an entry counts for in the sums: `Checked` and `TimeEntry` name the fields alike.
macro_rules! worked {
    ($e:expr) => {
        months::Worked {
            worker_id: $e.worker_id,
            work_date: $e.work_date,
            project_id: $e.project_id,
            committee_id: $e.committee_id,
            minutes: $e.minutes,
            billable: $e.billable,
        }
    };
}

impl Checked {
    pub(crate) fn worked(&self) -> months::Worked {
        worked!(self)
    }
}

impl TimeEntry {
    fn worked(&self) -> months::Worked {
        worked!(self)
    }
}

/// An entry on an invoice is locked: for good once the invoice is issued (the database's
/// triggers refuse it too), until it leaves the draft otherwise. The message says which invoice.
/// An entry of a closed year is locked too.
fn ensure_editable(conn: &Connection, id: i64) -> Result<TimeEntry> {
    let entry = get(conn, id)?;
    lock::ensure_open(conn, entry.work_date)?;
    let on: Option<(Option<String>, String)> = conn
        .prepare_cached(
            "SELECT i.number, c.name FROM invoice_time_entries b JOIN invoice_lines l ON l.id = b.line_id
             JOIN invoices i ON i.id = l.invoice_id JOIN clients c ON c.id = i.client_id WHERE b.time_entry_id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match on {
        None => Ok(entry),
        Some((Some(number), _)) => Err(Error::Refused(Problem::HoursBilled { number })),
        Some((None, client)) => Err(Error::Refused(Problem::HoursOnDraft { client })),
    }
}

/// Validates what a person typed and decides the minutes and the billable flag.
pub(crate) fn check(conn: &Connection, input: &TimeEntryInput) -> Result<Checked> {
    let (minutes, start_time) = minutes_of(input)?;
    let (project_id, committee_id, default_billable) = match (input.project_id, input.committee_id)
    {
        (Some(id), None) => {
            let p = project::get(conn, id)?;
            (Some(id), None, p.billing_mode == BillingMode::Hourly)
        }
        (None, Some(id)) => {
            committee::get(conn, id)?;
            (None, Some(id), false)
        }
        _ => return Err(Invalid::new("project_id", Problem::ProjectOrCommittee).into()),
    };
    ensure_working(conn, input.worker_id, input.work_date)?;
    Ok(Checked {
        worker_id: input.worker_id,
        work_date: input.work_date,
        minutes,
        start_time,
        project_id,
        committee_id,
        description: free_text("description", &input.description)?,
        billable: input.billable.unwrap_or(default_billable),
    })
}

fn minutes_of(input: &TimeEntryInput) -> Result<(u32, Option<String>), Invalid> {
    let start = input
        .start_time
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let end = input
        .end_time
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    match (start, end) {
        (Some(start), Some(end)) => {
            let (from, to) = (time("start_time", start)?, time("end_time", end)?);
            let minutes = (to - from).num_minutes();
            if minutes <= 0 {
                return Err(Invalid::new(
                    "end_time",
                    Problem::EndTimeBeforeStart {
                        start: start.to_string(),
                        end: end.to_string(),
                    },
                ));
            }
            Ok((minutes as u32, Some(from.format("%H:%M").to_string())))
        }
        (Some(start), None) => Ok((
            duration::parse(&input.duration)?,
            Some(time("start_time", start)?.format("%H:%M").to_string()),
        )),
        (None, Some(_)) => Err(Invalid::new("start_time", Problem::EndWithoutStart)),
        (None, None) => Ok((duration::parse(&input.duration)?, None)),
    }
}

fn time(field: &str, text: &str) -> Result<NaiveTime, Invalid> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%Hh%M"))
        .map_err(|_| {
            Invalid::new(
                field,
                Problem::NotATime {
                    value: text.to_owned(),
                },
            )
        })
}

/// No one works more than 24 hours in a day, whatever the entries it is split into.
const DAY: u32 = 24 * 60;

/// The minutes a worker's entries of that day add up to (read from the worker's index).
fn day_minutes(conn: &Connection, worker_id: i64, date: NaiveDate) -> Result<u32> {
    let minutes: i64 = conn
        .prepare_cached("SELECT coalesce(sum(minutes), 0) FROM time_entries WHERE worker_id = ?1 AND work_date = ?2")?
        .query_row(params![worker_id, date], |r| r.get(0))?;
    Ok(u32::try_from(minutes).unwrap_or(u32::MAX))
}

/// Refuses a day whose entries, with the `added` minutes of this one, come to `total` above
/// 24 h: the message says the day, the hours already there and what is left.
fn ensure_day_fits(
    conn: &Connection,
    worker_id: i64,
    date: NaiveDate,
    added: u32,
    total: u32,
) -> Result<()> {
    if total <= DAY {
        return Ok(());
    }
    let already = total.saturating_sub(added);
    let name = worker::get(conn, worker_id)?.name;
    Err(Invalid::new(
        "duration",
        Problem::DayFull {
            worker: name,
            date: date.into(),
            already: duration::format(already),
            left: duration::format(DAY.saturating_sub(already)),
            added: duration::format(added),
        },
    )
    .into())
}

/// Hours count only for someone who works for the collective that day.
fn ensure_working(conn: &Connection, worker_id: i64, date: NaiveDate) -> Result<()> {
    let w = worker::get(conn, worker_id)?;
    let working: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM worker_statuses WHERE worker_id = ?1 AND start_on <= ?2 AND (end_on IS NULL OR end_on >= ?2)")?
        .query_row(params![worker_id, date], |row| row.get(0))
        .optional()?;
    if working.is_none() {
        return Err(Error::from(Invalid::new(
            "work_date",
            Problem::NoStatusThatDay {
                worker: w.name.clone(),
                date: date.into(),
            },
        )));
    }
    Ok(())
}

fn from_row(row: &Row) -> crate::store::sql::Result<TimeEntry> {
    Ok(TimeEntry {
        id: row.get(0)?,
        worker_id: row.get(1)?,
        work_date: row.get(2)?,
        minutes: row.get(3)?,
        start_time: row.get(4)?,
        project_id: row.get(5)?,
        committee_id: row.get(6)?,
        description: row.get(7)?,
        billable: row.get(8)?,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::listing::ListQuery;
    use crate::store::Store;

    /// The demo organisation without its hours, plans and invoices, and the ids of a salaried worker, an hourly client project, an
    /// internal project and a committee.
    pub(crate) struct Fixture {
        pub store: Store,
        pub worker: i64,
        pub hourly: i64,
        pub internal: i64,
        pub committee: i64,
    }

    pub(crate) fn fixture() -> Fixture {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::people_and_clients(tx, 1))
            .unwrap();
        let conn = store.conn();
        let all = ListQuery {
            include_archived: true,
            limit: Some(500),
            ..Default::default()
        };
        let worker = worker::list(conn, &all)
            .unwrap()
            .items
            .into_iter()
            .find(|w| w.name == "Omar Benali")
            .unwrap()
            .id;
        let projects = project::list(conn, &all, None).unwrap().items;
        let hourly = projects
            .iter()
            .find(|p| p.billing_mode == BillingMode::Hourly)
            .unwrap()
            .id;
        let internal = projects
            .iter()
            .find(|p| p.name == "Administration")
            .unwrap()
            .id;
        let committee = committee::list(conn, &all)
            .unwrap()
            .items
            .into_iter()
            .find(|c| c.name == "Légal")
            .unwrap()
            .id;
        Fixture {
            store,
            worker,
            hourly,
            internal,
            committee,
        }
    }

    pub(crate) fn input(f: &Fixture, date: &str, duration: &str) -> TimeEntryInput {
        TimeEntryInput {
            worker_id: f.worker,
            work_date: date.parse().unwrap(),
            duration: duration.into(),
            project_id: Some(f.hourly),
            ..Default::default()
        }
    }

    #[test]
    fn billable_follows_the_project_unless_told() {
        let f = fixture();
        let conn = f.store.conn();
        let e = create(conn, &input(&f, "2013-01-15", "1h30")).unwrap();
        assert_eq!((e.minutes, e.billable), (90, true));
        let internal = create(
            conn,
            &TimeEntryInput {
                project_id: Some(f.internal),
                ..input(&f, "2013-01-15", "2")
            },
        )
        .unwrap();
        assert!(!internal.billable);
        let meeting = create(
            conn,
            &TimeEntryInput {
                project_id: None,
                committee_id: Some(f.committee),
                ..input(&f, "2013-01-15", "45m")
            },
        )
        .unwrap();
        assert!(!meeting.billable && meeting.minutes == 45);
        let unbilled = create(
            conn,
            &TimeEntryInput {
                billable: Some(false),
                ..input(&f, "2013-01-16", "1")
            },
        )
        .unwrap();
        assert!(!unbilled.billable);
    }

    #[test]
    fn start_and_end_give_the_minutes() {
        let f = fixture();
        let conn = f.store.conn();
        let e = create(
            conn,
            &TimeEntryInput {
                start_time: Some("09:15".into()),
                end_time: Some("12h00".into()),
                ..input(&f, "2013-01-15", "")
            },
        )
        .unwrap();
        assert_eq!((e.minutes, e.start_time.as_deref()), (165, Some("09:15")));
        let backwards = TimeEntryInput {
            start_time: Some("12:00".into()),
            end_time: Some("09:00".into()),
            ..input(&f, "2013-01-15", "")
        };
        assert_eq!(
            create(conn, &backwards).unwrap_err().field(),
            Some("end_time")
        );
    }

    #[test]
    fn refuses_what_cannot_be_recorded() {
        let f = fixture();
        let conn = f.store.conn();
        assert_eq!(
            create(conn, &input(&f, "2013-01-15", "deux heures"))
                .unwrap_err()
                .field(),
            Some("duration")
        );
        let both = TimeEntryInput {
            committee_id: Some(f.committee),
            ..input(&f, "2013-01-15", "1")
        };
        assert_eq!(create(conn, &both).unwrap_err().field(), Some("project_id"));
        let before_hired = input(&f, "2006-12-01", "1");
        assert_eq!(
            create(conn, &before_hired).unwrap_err().field(),
            Some("work_date")
        );
        assert!(matches!(
            create(
                conn,
                &TimeEntryInput {
                    project_id: Some(9999),
                    ..input(&f, "2013-01-15", "1")
                }
            ),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn a_day_holds_24_hours_across_its_entries() {
        let f = fixture();
        let conn = f.store.conn();
        create(conn, &input(&f, "2013-01-15", "10")).unwrap();
        let meeting = create(
            conn,
            &TimeEntryInput {
                project_id: None,
                committee_id: Some(f.committee),
                ..input(&f, "2013-01-15", "12:30")
            },
        )
        .unwrap();
        let over = create(conn, &input(&f, "2013-01-15", "2")).unwrap_err();
        assert_eq!(over.field(), Some("duration"));
        assert_eq!(
            over.to_string(),
            "duration: Omar Benali already has 22:30 h recorded on 2013-01-15; a day holds 24 h, so at most 1:30 h more fit, not 2:00"
        );
        assert_eq!(
            day_minutes(conn, f.worker, "2013-01-15".parse().unwrap()).unwrap(),
            22 * 60 + 30,
            "nothing was written"
        );
        create(conn, &input(&f, "2013-01-15", "1:30")).unwrap();
        // Editing counts the day without the entry's own old minutes; moving it counts the new day.
        update(
            conn,
            meeting.id,
            &TimeEntryInput {
                project_id: None,
                committee_id: Some(f.committee),
                ..input(&f, "2013-01-15", "12:30")
            },
        )
        .unwrap();
        let longer = TimeEntryInput {
            project_id: None,
            committee_id: Some(f.committee),
            ..input(&f, "2013-01-15", "13")
        };
        assert_eq!(
            update(conn, meeting.id, &longer).unwrap_err().field(),
            Some("duration")
        );
        create(conn, &input(&f, "2013-01-16", "15")).unwrap();
        assert_eq!(
            update(
                conn,
                meeting.id,
                &TimeEntryInput {
                    work_date: "2013-01-16".parse().unwrap(),
                    ..longer
                }
            )
            .unwrap_err()
            .field(),
            Some("duration")
        );
    }

    #[test]
    fn edit_and_delete() {
        let f = fixture();
        let conn = f.store.conn();
        let e = create(conn, &input(&f, "2013-01-15", "1")).unwrap();
        let e = update(conn, e.id, &input(&f, "2013-01-16", "2:15")).unwrap();
        assert_eq!(
            (e.work_date.to_string().as_str(), e.minutes),
            ("2013-01-16", 135)
        );
        delete(conn, e.id).unwrap();
        assert!(matches!(get(conn, e.id), Err(Error::NotFound { .. })));
        let from = "2013-01-01".parse().unwrap();
        let to = "2013-01-31".parse().unwrap();
        assert!(between(conn, f.worker, from, to).unwrap().is_empty());
        assert_eq!(latest_date(conn).unwrap(), None);
        create(conn, &input(&f, "2013-02-01", "1")).unwrap();
        assert_eq!(latest_date(conn).unwrap(), "2013-02-01".parse().ok());
    }
}
