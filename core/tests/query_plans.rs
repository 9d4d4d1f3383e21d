//! Guards that do not depend on timing: the queries behind the screens and figures people use
//! every day read time entries, their monthly sums and invoices through an index, never by scanning the table.
//! Every statement the services run is captured (SQLite's trace), then explained.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::Connection;

use konbit_core::fiscal::FiscalYear;
use konbit_core::store::{OpenMode, Store};

const GUARDED: &[&str] = &[
    "time_entries",
    "invoices",
    "work_months",
    "worker_halves",
    "project_months",
];
const NOT_ALIASES: &[&str] = &[
    "WHERE", "JOIN", "ON", "LEFT", "INNER", "GROUP", "ORDER", "LIMIT", "WITH", "UNION", "SET",
    "AND", "USING",
];

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The names a statement gives the guarded tables: the table itself and its aliases.
fn names(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut names = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if GUARDED.contains(w) {
            names.push((*w).to_owned());
            let next = match words.get(i + 1) {
                Some(a) if a.eq_ignore_ascii_case("AS") => words.get(i + 2),
                other => other,
            };
            if let Some(alias) =
                next.filter(|a| !NOT_ALIASES.iter().any(|k| k.eq_ignore_ascii_case(a)))
            {
                names.push((*alias).to_owned());
            }
        }
    }
    names
}

fn full_scans(conn: &Connection, sql: &str) -> Vec<String> {
    let names = names(sql);
    if names.is_empty() {
        return vec![];
    }
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    // The plan does not depend on the values: each parameter is bound to NULL.
    let nulls = rusqlite::params_from_iter(std::iter::repeat_n(
        rusqlite::types::Null,
        stmt.parameter_count(),
    ));
    let plan: Vec<String> = stmt
        .query_map(nulls, |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    plan.into_iter()
        .filter(|line| {
            let Some(rest) = line.strip_prefix("SCAN ") else {
                return false;
            };
            let scanned = rest.split_whitespace().next().unwrap_or_default();
            names.iter().any(|n| n == scanned)
        })
        .collect()
}

#[test]
fn everyday_queries_read_time_entries_and_invoices_through_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("konbit.sqlite");
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    store
        .write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))
        .unwrap();
    let omar = konbit_core::organisation::worker::by_name(store.conn(), "Omar Benali").unwrap();
    drop(store);

    let mut raw = Connection::open(&path).unwrap();
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&seen);
    raw.trace_v2(
        TraceEventCodes::SQLITE_TRACE_PROFILE,
        Some(move |event: TraceEvent<'_>| {
            if let TraceEvent::Profile(stmt, _) = event {
                sink.lock().unwrap().push(stmt.sql().into_owned());
            }
        }),
    )
    .unwrap();
    // The services take the store's connection, which hands each call to this traced file.
    let mut conn = konbit_core::store::Connection::from(raw);
    let fy = FiscalYear::parse("2012-2013", 9).unwrap();
    konbit_core::worktime::week::load(&conn, omar, date("2013-01-16")).unwrap();
    konbit_core::worktime::distribution::compute(&conn, fy.start(), fy.end()).unwrap();
    konbit_core::finance::payroll::cost(&conn, fy.start(), fy.end()).unwrap();
    konbit_core::finance::books::for_span(&conn, fy.start(), fy.end()).unwrap();
    konbit_core::invoicing::receivables::aging(&conn, date("2013-06-30")).unwrap();
    let filter = konbit_core::invoicing::invoice::InvoiceFilter {
        from: Some(fy.start()),
        to: Some(fy.end()),
        ..Default::default()
    };
    konbit_core::invoicing::invoice::list(&conn, &filter, None, 50).unwrap();
    // A year's invoices sorted by balance, searched by client: still read from the dates' index.
    let sorted = konbit_core::invoicing::invoice::InvoiceFilter {
        sort: konbit_core::invoicing::invoice::InvoiceSort::Balance,
        search: Some("benevole".into()),
        ..filter
    };
    konbit_core::invoicing::invoice::list(&conn, &sorted, None, 50).unwrap();
    konbit_core::stats::compute(&conn, fy).unwrap();
    // The year picker and the home screen, on every screen change and at every start.
    let start_month = konbit_core::organisation::settings::require(&conn)
        .unwrap()
        .fiscal_year_start_month;
    konbit_core::fiscal::on_record(&conn, date("2026-12-01"), start_month).unwrap();
    konbit_core::home::summary(
        &conn,
        Some(omar),
        date("2013-06-12"),
        konbit_core::legal::Access::Public,
    )
    .unwrap();
    let raw = conn.sqlite_mut("tracing").unwrap();
    raw.trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)
        .unwrap();

    let mut statements = seen.lock().unwrap().clone();
    statements.sort();
    statements.dedup();
    let guarded: Vec<&String> = statements.iter().filter(|s| !names(s).is_empty()).collect();
    assert!(
        guarded.len() >= 6,
        "the services' statements were captured: {guarded:#?}"
    );
    let mut problems = Vec::new();
    for sql in guarded {
        let scans = full_scans(raw, sql);
        if !scans.is_empty() {
            problems.push(format!("{scans:?} in:\n{sql}"));
        }
    }
    assert!(
        problems.is_empty(),
        "full scans of a large table:\n{}",
        problems.join("\n\n")
    );
}

#[test]
fn a_full_scan_is_caught() {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE time_entries (id INTEGER PRIMARY KEY, work_date TEXT); CREATE INDEX by_date ON time_entries (work_date);").unwrap();
    assert_eq!(
        full_scans(
            &conn,
            "SELECT * FROM time_entries e WHERE e.work_date LIKE '%-01'"
        )
        .len(),
        1
    );
    assert!(full_scans(
        &conn,
        "SELECT * FROM time_entries e WHERE e.work_date BETWEEN '2013-01-01' AND '2013-01-31'"
    )
    .is_empty());
}
