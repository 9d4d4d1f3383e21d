//! The weekly grid: one row per project or committee, one column per day (Monday to Sunday),
//! each cell the minutes of that day, with totals per row, day and week.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Invalid, Problem, Result};
use crate::store::sql::{params, Connection};
use crate::worktime::entry::{self, TimeEntryInput};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Week {
    pub worker_id: i64,
    pub monday: NaiveDate,
    pub days: Vec<NaiveDate>,
    pub rows: Vec<WeekRow>,
    pub day_totals: Vec<u32>,
    pub total: u32,
    /// The rows of the week before that this week lacks, for "copy last week's rows".
    pub previous_rows: Vec<RowTarget>,
}

/// What a row is for: a project (with its client, if any) or a committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowTarget {
    pub project_id: Option<i64>,
    pub committee_id: Option<i64>,
    /// The project's or the committee's name.
    pub name: String,
    pub client_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeekRow {
    pub target: RowTarget,
    /// Seven cells, Monday first.
    pub cells: Vec<Cell>,
    pub total: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, TS)]
pub struct Cell {
    pub minutes: u32,
    /// How many entries make the cell; a cell of several entries is edited in the day's list.
    pub entries: u32,
}

/// One cell typed in the grid: an empty duration clears it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CellInput {
    pub worker_id: i64,
    pub date: NaiveDate,
    #[serde(default)]
    pub project_id: Option<i64>,
    #[serde(default)]
    pub committee_id: Option<i64>,
    #[serde(default)]
    pub duration: String,
}

/// The Monday of the week that holds `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The week of `worker_id` that holds `date`.
pub fn load(conn: &Connection, worker_id: i64, date: NaiveDate) -> Result<Week> {
    let monday = monday_of(date);
    let days: Vec<NaiveDate> = (0..7).map(|i| monday + Days::new(i)).collect();
    let mut rows: Vec<WeekRow> = Vec::new();
    for (target, day, minutes, entries) in cells(conn, worker_id, monday, days[6])? {
        let at = match rows.iter().position(|r| same_target(&r.target, &target)) {
            Some(at) => at,
            None => {
                rows.push(WeekRow {
                    target,
                    cells: vec![Cell::default(); 7],
                    total: 0,
                });
                rows.len() - 1
            }
        };
        let index = (day - monday).num_days() as usize;
        rows[at].cells[index] = Cell { minutes, entries };
        rows[at].total += minutes;
    }
    // Projects first, by client then name; committees after.
    rows.sort_by(|a, b| {
        let key = |t: &RowTarget| {
            (
                t.committee_id.is_some(),
                crate::text::fold(t.client_name.as_deref().unwrap_or("")),
                crate::text::fold(&t.name),
            )
        };
        key(&a.target).cmp(&key(&b.target))
    });
    let day_totals: Vec<u32> = (0..7)
        .map(|i| rows.iter().map(|r| r.cells[i].minutes).sum())
        .collect();
    let total = day_totals.iter().sum();
    let previous_monday = monday - Days::new(7);
    let previous_rows = cells(conn, worker_id, previous_monday, monday - Days::new(1))?
        .into_iter()
        .map(|(target, ..)| target)
        .fold(Vec::<RowTarget>::new(), |mut acc, target| {
            let known = acc
                .iter()
                .chain(rows.iter().map(|r| &r.target))
                .any(|t| same_target(t, &target));
            if !known {
                acc.push(target);
            }
            acc
        });
    Ok(Week {
        worker_id,
        monday,
        days,
        rows,
        day_totals,
        total,
        previous_rows,
    })
}

/// Sets one cell to a duration: creates the day's entry, changes it, or removes it when the
/// duration is empty. A cell made of several entries is refused: which one would change?
pub fn set_cell(conn: &Connection, input: &CellInput) -> Result<Week> {
    let existing: Vec<i64> = conn
        .prepare_cached("SELECT id FROM time_entries WHERE worker_id = ?1 AND work_date = ?2 AND project_id IS NOT DISTINCT FROM ?3 AND committee_id IS NOT DISTINCT FROM ?4 ORDER BY id")?
        .query_map(params![input.worker_id, input.date, input.project_id, input.committee_id], |row| row.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    if existing.len() > 1 {
        return Err(Invalid::new(
            "duration",
            Problem::SeveralEntries {
                count: existing.len() as i64,
            },
        )
        .into());
    }
    let empty = input.duration.trim().is_empty();
    match (existing.first(), empty) {
        (Some(id), true) => entry::delete(conn, *id)?,
        (None, true) => {}
        (Some(id), false) => {
            let current = entry::get(conn, *id)?;
            let changed = TimeEntryInput {
                worker_id: current.worker_id,
                work_date: current.work_date,
                duration: input.duration.clone(),
                start_time: None,
                end_time: None,
                project_id: current.project_id,
                committee_id: current.committee_id,
                description: current.description,
                billable: Some(current.billable),
            };
            entry::update(conn, *id, &changed)?;
        }
        (None, false) => {
            let new = TimeEntryInput {
                worker_id: input.worker_id,
                work_date: input.date,
                duration: input.duration.clone(),
                project_id: input.project_id,
                committee_id: input.committee_id,
                ..TimeEntryInput::default()
            };
            entry::create(conn, &new)?;
        }
    }
    load(conn, input.worker_id, input.date)
}

fn same_target(a: &RowTarget, b: &RowTarget) -> bool {
    a.project_id == b.project_id && a.committee_id == b.committee_id
}

/// (target, day, minutes, entries) for every non-empty cell of the span.
fn cells(
    conn: &Connection,
    worker_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(RowTarget, NaiveDate, u32, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.project_id, e.committee_id,
                coalesce(p.name, k.name), c.name, e.work_date, sum(e.minutes), count(*)
         FROM time_entries e
         LEFT JOIN projects p ON p.id = e.project_id
         LEFT JOIN clients c ON c.id = p.client_id
         LEFT JOIN committees k ON k.id = e.committee_id
         WHERE e.worker_id = ?1 AND e.work_date BETWEEN ?2 AND ?3
         GROUP BY e.project_id, e.committee_id, e.work_date",
    )?;
    let rows = stmt.query_map(params![worker_id, from, to], |row| {
        let target = RowTarget {
            project_id: row.get(0)?,
            committee_id: row.get(1)?,
            name: row.get(2)?,
            client_name: row.get(3)?,
        };
        Ok((target, row.get(4)?, row.get(5)?, row.get(6)?))
    })?;
    Ok(rows.collect::<crate::store::sql::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worktime::entry::tests::{fixture, input};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cell(f: &crate::worktime::entry::tests::Fixture, date: &str, duration: &str) -> CellInput {
        CellInput {
            worker_id: f.worker,
            date: d(date),
            project_id: Some(f.hourly),
            committee_id: None,
            duration: duration.into(),
        }
    }

    #[test]
    fn typing_cells_creates_changes_and_clears_entries() {
        let f = fixture();
        let conn = f.store.conn();
        // 2013-01-14 is a Monday.
        set_cell(conn, &cell(&f, "2013-01-14", "7:00")).unwrap();
        set_cell(conn, &cell(&f, "2013-01-16", "3,5")).unwrap();
        let committee = CellInput {
            project_id: None,
            committee_id: Some(f.committee),
            ..cell(&f, "2013-01-16", "1h")
        };
        let week = set_cell(conn, &committee).unwrap();
        assert_eq!(week.monday, d("2013-01-14"));
        assert_eq!(week.rows.len(), 2);
        assert_eq!(week.day_totals, vec![420, 0, 270, 0, 0, 0, 0]);
        assert_eq!(week.total, 690);
        let week = set_cell(conn, &cell(&f, "2013-01-14", "6")).unwrap();
        assert_eq!(week.day_totals[0], 360);
        let week = set_cell(conn, &cell(&f, "2013-01-14", "")).unwrap();
        assert_eq!(week.total, 270);
        assert_eq!(
            set_cell(conn, &cell(&f, "2013-01-15", "lundi"))
                .unwrap_err()
                .field(),
            Some("duration")
        );
    }

    #[test]
    fn a_cell_of_several_entries_is_not_overwritten() {
        let f = fixture();
        let conn = f.store.conn();
        entry::create(conn, &input(&f, "2013-01-15", "1")).unwrap();
        entry::create(conn, &input(&f, "2013-01-15", "2")).unwrap();
        let week = load(conn, f.worker, d("2013-01-17")).unwrap();
        assert_eq!(
            week.rows[0].cells[1],
            Cell {
                minutes: 180,
                entries: 2
            }
        );
        assert_eq!(
            set_cell(conn, &cell(&f, "2013-01-15", "4"))
                .unwrap_err()
                .field(),
            Some("duration")
        );
    }

    #[test]
    fn last_weeks_rows_are_offered() {
        let f = fixture();
        let conn = f.store.conn();
        entry::create(conn, &input(&f, "2013-01-08", "1")).unwrap();
        let this_week = load(conn, f.worker, d("2013-01-14")).unwrap();
        assert!(this_week.rows.is_empty());
        assert_eq!(this_week.previous_rows.len(), 1);
        assert_eq!(this_week.previous_rows[0].project_id, Some(f.hourly));
        assert!(this_week.previous_rows[0].client_name.is_some());
    }
}
