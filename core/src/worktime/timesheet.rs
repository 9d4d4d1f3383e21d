//! Timesheets: the entries matching a filter, with the names people read, paged by date for
//! the list screen and written whole as CSV (the columns the generic import reads back).

use std::io::Write;

use crate::store::sql::{Connection, Row};
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Invalid, Problem, Result};
use crate::listing::{Cursor, Page, MAX_PAGE};
use crate::store::sql::Value;
use crate::worktime::duration;

/// Which entries: a span of dates (both days included), optionally one worker, project or committee.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TimesheetFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub worker_id: Option<i64>,
    #[serde(default)]
    pub project_id: Option<i64>,
    #[serde(default)]
    pub committee_id: Option<i64>,
}

/// One entry with the names of its worker and of what it was for.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TimesheetRow {
    pub id: i64,
    pub work_date: NaiveDate,
    pub worker_id: i64,
    pub worker: String,
    pub client: Option<String>,
    pub project_id: Option<i64>,
    pub project: Option<String>,
    pub committee_id: Option<i64>,
    pub committee: Option<String>,
    pub minutes: u32,
    pub start_time: Option<String>,
    pub description: String,
    pub billable: bool,
}

const SELECT: &str = "SELECT e.id, e.work_date, e.worker_id, m.name, c.name, e.project_id, p.name, e.committee_id, k.name,
        e.minutes, e.start_time, e.description, e.billable
    FROM time_entries e
    JOIN workers w ON w.id = e.worker_id JOIN members m ON m.id = w.member_id
    LEFT JOIN projects p ON p.id = e.project_id LEFT JOIN clients c ON c.id = p.client_id
    LEFT JOIN committees k ON k.id = e.committee_id";

/// One page of the entries, by date then id; `after` is where the previous page ended.
pub fn page(
    conn: &Connection,
    filter: &TimesheetFilter,
    after: Option<&Cursor>,
    limit: u32,
) -> Result<Page<TimesheetRow>> {
    let limit = limit.clamp(1, MAX_PAGE);
    let (mut sql, mut values) = conditions(filter)?;
    if let Some(after) = after {
        sql.push_str(" AND (e.work_date, e.id) > (?, ?)");
        values.extend([Value::Text(after.key.clone()), Value::Integer(after.id)]);
    }
    sql.push_str(&format!(" ORDER BY e.work_date, e.id LIMIT {}", limit + 1));
    let mut items = collect(conn, &sql, values)?;
    let next = (items.len() > limit as usize).then(|| {
        items.truncate(limit as usize);
        items.last().map(|r| Cursor {
            key: r.work_date.to_string(),
            id: r.id,
        })
    });
    Ok(Page {
        items,
        next: next.flatten(),
    })
}

/// Writes every matching entry as CSV; returns how many. The columns are those of the generic
/// import (see the README), so a file exported here can be imported into another Konbit.
pub fn write_csv(conn: &Connection, filter: &TimesheetFilter, out: impl Write) -> Result<u64> {
    let (mut sql, values) = conditions(filter)?;
    sql.push_str(" ORDER BY e.work_date, e.id");
    let mut writer = csv::Writer::from_writer(out);
    let io = |e: csv::Error| Error::internal(format_args!("could not write the CSV file: {e}"));
    writer
        .write_record([
            "id",
            "date",
            "worker",
            "client",
            "project",
            "committee",
            "duration",
            "start",
            "end",
            "description",
            "billable",
        ])
        .map_err(io)?;
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(crate::store::sql::params_from_iter(values))?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let r = from_row(&row)?;
        let end = r
            .start_time
            .as_deref()
            .and_then(|s| NaiveTime::parse_from_str(s, "%H:%M").ok())
            .map(|s| {
                (s + Duration::minutes(i64::from(r.minutes)))
                    .format("%H:%M")
                    .to_string()
            });
        writer
            .write_record([
                r.id.to_string(),
                r.work_date.to_string(),
                r.worker,
                r.client.unwrap_or_default(),
                r.project.unwrap_or_default(),
                r.committee.unwrap_or_default(),
                duration::format(r.minutes),
                r.start_time.unwrap_or_default(),
                end.unwrap_or_default(),
                r.description,
                if r.billable { "yes" } else { "no" }.to_string(),
            ])
            .map_err(io)?;
        count += 1;
    }
    writer
        .flush()
        .map_err(|e| Error::internal(format_args!("could not write the CSV file: {e}")))?;
    Ok(count)
}

fn conditions(filter: &TimesheetFilter) -> Result<(String, Vec<Value>)> {
    if filter.to < filter.from {
        return Err(Invalid::new(
            "to",
            Problem::EndBeforeStart {
                start: filter.from.into(),
                end: filter.to.into(),
            },
        )
        .into());
    }
    let mut sql = format!("{SELECT} WHERE e.work_date BETWEEN ? AND ?");
    let mut values = vec![
        Value::Text(filter.from.to_string()),
        Value::Text(filter.to.to_string()),
    ];
    for (column, id) in [
        ("e.worker_id", filter.worker_id),
        ("e.project_id", filter.project_id),
        ("e.committee_id", filter.committee_id),
    ] {
        if let Some(id) = id {
            sql.push_str(&format!(" AND {column} = ?"));
            values.push(Value::Integer(id));
        }
    }
    Ok((sql, values))
}

fn collect(conn: &Connection, sql: &str, values: Vec<Value>) -> Result<Vec<TimesheetRow>> {
    let rows = conn
        .prepare(sql)?
        .query_map(crate::store::sql::params_from_iter(values), from_row)?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows)
}

fn from_row(row: &Row) -> crate::store::sql::Result<TimesheetRow> {
    Ok(TimesheetRow {
        id: row.get(0)?,
        work_date: row.get(1)?,
        worker_id: row.get(2)?,
        worker: row.get(3)?,
        client: row.get(4)?,
        project_id: row.get(5)?,
        project: row.get(6)?,
        committee_id: row.get(7)?,
        committee: row.get(8)?,
        minutes: row.get(9)?,
        start_time: row.get(10)?,
        description: row.get(11)?,
        billable: row.get(12)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::worktime::import::{self, Format, ImportOptions};

    fn demo() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| crate::demo::create(tx, 1)).unwrap();
        store
    }

    fn month() -> TimesheetFilter {
        TimesheetFilter {
            from: "2013-01-01".parse().unwrap(),
            to: "2013-01-31".parse().unwrap(),
            worker_id: None,
            project_id: None,
            committee_id: None,
        }
    }

    #[test]
    fn pages_by_date_meet_without_gaps() {
        let store = demo();
        let filter = month();
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = page(store.conn(), &filter, after.as_ref(), 250).unwrap();
            seen.extend(page.items.iter().map(|r| (r.work_date, r.id)));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        let total: i64 =
            store.conn().query_row("SELECT count(*) FROM time_entries WHERE work_date BETWEEN '2013-01-01' AND '2013-01-31'", [], |r| r.get(0)).unwrap();
        assert!(total > 500, "the month spans several pages");
        assert_eq!(seen.len() as i64, total);
        assert!(seen.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn an_exported_month_imports_into_another_konbit() {
        let from = demo();
        let mut csv = Vec::new();
        let written = write_csv(from.conn(), &month(), &mut csv).unwrap();
        let minutes: i64 =
            from.conn().query_row("SELECT sum(minutes) FROM time_entries WHERE work_date BETWEEN '2013-01-01' AND '2013-01-31'", [], |r| r.get(0)).unwrap();

        let mut to = Store::open_in_memory().unwrap();
        to.write(|tx| crate::demo::people_and_clients(tx, 1))
            .unwrap();
        let outcome = to
            .write(|tx| import::commit(tx, Format::Csv, &csv, &ImportOptions::default()))
            .unwrap();
        assert_eq!(u64::from(outcome.imported), written);
        assert_eq!(outcome.minutes as i64, minutes);
    }

    #[test]
    fn a_span_that_ends_before_it_starts() {
        let store = demo();
        let filter = TimesheetFilter {
            to: "2012-12-01".parse().unwrap(),
            ..month()
        };
        assert_eq!(
            page(store.conn(), &filter, None, 10).unwrap_err().field(),
            Some("to")
        );
    }
}
