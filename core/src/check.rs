//! `konbit check`: the database's integrity and the domain's invariants, each problem as one
//! sentence. Used by the command line, and by tests after every fault they inject.

use crate::error::Result;
use crate::store::sql::Connection;
use crate::store::{APPLICATION_ID, SCHEMA_VERSION};
use crate::text::fold;

/// Every problem found; empty when all is well.
pub fn run(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |row| row.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    if integrity != ["ok"] {
        problems.extend(
            integrity
                .into_iter()
                .map(|line| format!("SQLite integrity: {line}")),
        );
    }
    let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
    let broken = fk.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    for row in broken {
        let (table, rowid, parent) = row?;
        problems.push(format!(
            "{table} row {rowid} points to a missing row of {parent}"
        ));
    }
    let file = conn.sqlite("checking the file")?;
    let version: u32 = file.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if version != SCHEMA_VERSION {
        problems.push(format!(
            "schema version is {version}, expected {SCHEMA_VERSION}"
        ));
    }
    let app: i32 = file.pragma_query_value(None, "application_id", |row| row.get(0))?;
    if app != APPLICATION_ID {
        problems.push("the application id is not Konbit's".to_owned());
    }
    overlapping_statuses(conn, &mut problems)?;
    workers_without_history(conn, &mut problems)?;
    stale_name_keys(conn, &mut problems)?;
    stale_settlements(conn, &mut problems)?;
    stale_work_months(conn, &mut problems)?;
    stale_revenue_months(conn, &mut problems)?;
    changed_closed_years(conn, &mut problems)?;
    audit_log(conn, &mut problems)?;
    Ok(problems)
}

/// The audit chain is whole, and the records it follows are as it last saw them.
fn audit_log(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    use crate::audit;
    problems.extend(audit::verify(conn)?);
    problems.extend(audit::drift(conn, "expense", |id| {
        state(crate::finance::expense::get(conn, id))
    })?);
    problems.extend(audit::drift(conn, "income", |id| {
        state(crate::finance::income::get(conn, id))
    })?);
    problems.extend(audit::drift(conn, "legal_case", |id| {
        state(crate::legal::audit_state(conn, id))
    })?);
    Ok(())
}

/// A record as the audit log serializes it; `None` when it is gone.
fn state<T: serde::Serialize>(found: Result<T>) -> Result<Option<String>> {
    match found {
        Ok(value) => Ok(Some(serde_json::to_string(&value).unwrap_or_default())),
        Err(crate::error::Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The settlement dates the aging reads agree with the payments and credit notes.
fn stale_settlements(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT i.number, v.settled_on, s.settled_on FROM invoice_settled_on v
         JOIN invoices i ON i.id = v.invoice_id LEFT JOIN invoice_settlements s ON s.invoice_id = v.invoice_id
         WHERE s.settled_on IS DISTINCT FROM v.settled_on ORDER BY i.number",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (number, expected, stored) = row?;
        problems.push(format!(
            "invoice {}: settled on {expected} by its payments and credit notes, but the aging reads {}",
            number.unwrap_or_default(),
            stored.unwrap_or_else(|| "nothing".to_owned())
        ));
    }
    Ok(())
}

/// The sums of hours per month and per half month, which the distribution and the payroll read,
/// agree with the entries.
fn stale_work_months(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let detailed: i64 = conn.query_row(
        "SELECT count(*) FROM (
             SELECT worker_id, substr(work_date, 1, 8) || '01' AS month, coalesce(project_id, 0) AS p, coalesce(committee_id, 0) AS c,
                    sum(minutes) AS m, sum(CASE WHEN billable THEN minutes ELSE 0 END) AS bm
             FROM time_entries GROUP BY 1, 2, 3, 4) t
         FULL JOIN work_months w ON w.worker_id = t.worker_id AND w.month = t.month AND w.project_key = t.p AND w.committee_key = t.c
         WHERE coalesce(t.m, 0) <> coalesce(w.minutes, 0) OR coalesce(t.bm, 0) <> coalesce(w.billable_minutes, 0)",
        [],
        |r| r.get(0),
    )?;
    let totals: i64 = conn.query_row(
        "SELECT count(*) FROM (
             SELECT worker_id, substr(work_date, 1, 8) || CASE WHEN substr(work_date, 9, 2) < '16' THEN '01' ELSE '16' END AS half,
                    sum(minutes) AS m
             FROM time_entries GROUP BY 1, 2) t
         FULL JOIN worker_halves w ON w.worker_id = t.worker_id AND w.half = t.half WHERE coalesce(t.m, 0) <> coalesce(w.minutes, 0)",
        [],
        |r| r.get(0),
    )?;
    let projects: i64 = conn.query_row(
        "SELECT count(*) FROM (
             SELECT substr(work_date, 1, 8) || '01' AS month, coalesce(project_id, 0) AS p, coalesce(committee_id, 0) AS c,
                    sum(minutes) AS m, sum(CASE WHEN billable THEN minutes ELSE 0 END) AS bm
             FROM time_entries GROUP BY 1, 2, 3) t
         FULL JOIN project_months w ON w.month = t.month AND w.project_key = t.p AND w.committee_key = t.c
         WHERE coalesce(t.m, 0) <> coalesce(w.minutes, 0) OR coalesce(t.bm, 0) <> coalesce(w.billable_minutes, 0)",
        [],
        |r| r.get(0),
    )?;
    if detailed + totals + projects > 0 {
        problems.push(format!(
            "the sums of hours per month differ from the time entries ({detailed} by worker and project, {totals} by half month, {projects} by project)"
        ));
    }
    Ok(())
}

/// Each closed year's records still give the revenue and expenses it was closed with: Konbit
/// refuses such changes, so a difference was made behind its back. A year closed on a summary
/// typed from the reports of before Konbit is not kept in its records: it is left out.
fn changed_closed_years(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let any: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM year_closings)", [], |r| {
        r.get(0)
    })?;
    if !any {
        return Ok(());
    }
    let start_month = crate::organisation::settings::require(conn)?.fiscal_year_start_month;
    for closed in crate::finance::closing::list(conn)? {
        if crate::finance::history::get(
            conn,
            crate::fiscal::FiscalYear::containing(closed.start, start_month),
        )?
        .is_some()
        {
            continue;
        }
        let books = crate::finance::books::for_span(conn, closed.start, closed.end)?;
        if (books.revenue, books.expenses) != (closed.revenue, closed.expenses) {
            problems.push(format!(
                "the fiscal year {} was closed with revenue {} and expenses {}, but its records now give {} and {}",
                closed.fiscal_year,
                closed.revenue.format(crate::Lang::En),
                closed.expenses.format(crate::Lang::En),
                books.revenue.format(crate::Lang::En),
                books.expenses.format(crate::Lang::En)
            ));
        }
    }
    Ok(())
}

/// The monthly revenue the books read agrees with the issued invoices' lines.
fn stale_revenue_months(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let stale: Vec<String> = conn
        .prepare(
            "SELECT coalesce(t.month, r.month) FROM (
                 SELECT substr(i.invoice_date, 1, 8) || '01' AS month, coalesce(l.department_id, 0) AS d,
                        sum(CASE i.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END) AS amount
                 FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.issued_at IS NOT NULL GROUP BY 1, 2) t
             FULL JOIN revenue_months r ON r.month = t.month AND r.department_key = t.d
             WHERE coalesce(t.amount, 0) <> coalesce(r.amount_cents, 0) GROUP BY 1 ORDER BY 1",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    for month in stale {
        problems.push(format!(
            "the revenue of the month of {month} differs from its invoices' lines"
        ));
    }
    Ok(())
}

fn overlapping_statuses(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT m.name, a.start_on, b.start_on FROM worker_statuses a
         JOIN worker_statuses b ON b.worker_id = a.worker_id AND b.id > a.id
         JOIN workers w ON w.id = a.worker_id JOIN members m ON m.id = w.member_id
         WHERE a.start_on <= coalesce(b.end_on, '9999-12-31') AND b.start_on <= coalesce(a.end_on, '9999-12-31')",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (name, a, b) = row?;
        problems.push(format!(
            "{name} has two status periods that overlap (from {a} and from {b})"
        ));
    }
    Ok(())
}

fn workers_without_history(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT m.name, NOT EXISTS (SELECT 1 FROM worker_statuses s WHERE s.worker_id = w.id),
                NOT EXISTS (SELECT 1 FROM worker_wages g WHERE g.worker_id = w.id)
         FROM workers w JOIN members m ON m.id = w.member_id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, bool>(1)?,
            row.get::<_, bool>(2)?,
        ))
    })?;
    for row in rows {
        let (name, no_status, no_wage) = row?;
        if no_status {
            problems.push(format!("worker {name} has no status period"));
        }
        if no_wage {
            problems.push(format!("worker {name} has no hourly rate"));
        }
    }
    Ok(())
}

/// A name changed behind Konbit's back leaves its sort key behind: lists and search go wrong.
fn stale_name_keys(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    for table in ["members", "teams", "committees", "clients", "projects"] {
        let mut stmt = conn.prepare(&format!("SELECT id, name, name_key FROM {table}"))?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (id, name, key) = row?;
            if fold(&name) != key {
                problems.push(format!(
                    "{table} row {id} ({name}) was edited outside Konbit: its search key is stale"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn the_demo_is_clean_and_tampering_is_reported() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| crate::demo::create(tx, 7)).unwrap();
        assert_eq!(run(store.conn()).unwrap(), Vec::<String>::new());
        store
            .conn()
            .execute(
                "UPDATE clients SET name = 'Renommé en douce' WHERE id = 1",
                [],
            )
            .unwrap();
        store
            .conn()
            .execute("DELETE FROM worker_wages WHERE worker_id = 2", [])
            .unwrap();
        let problems = run(store.conn()).unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("has no hourly rate"), "{problems:?}");
        assert!(problems[1].contains("Renommé en douce"), "{problems:?}");
    }

    #[test]
    fn money_and_legal_records_changed_behind_konbits_back_are_reported() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| crate::demo::create(tx, 7)).unwrap();
        let conn = store.conn();
        conn.execute(
            "UPDATE expenses SET amount_cents = amount_cents + 100 WHERE id = 1",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE legal_cases SET title = 'Autre chose' WHERE kind = 'fraud'",
            [],
        )
        .unwrap();
        let problems = run(conn).unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("expense 1 differs from what the audit log last recorded"),
            "{problems:?}"
        );
        assert!(problems[1].starts_with("legal_case"), "{problems:?}");
        // Changing the log itself is refused, and forging it breaks the chain.
        assert!(conn
            .execute("DELETE FROM audit_log WHERE id = 5", [])
            .is_err());
    }

    #[test]
    fn monthly_sums_out_of_step_with_the_entries_are_reported() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| crate::demo::create(tx, 7)).unwrap();
        let conn = store.conn();
        conn.execute("UPDATE worker_halves SET minutes = minutes + 60 WHERE (worker_id, half) = (SELECT worker_id, half FROM worker_halves LIMIT 1)", [])
            .unwrap();
        assert_eq!(run(conn).unwrap(), ["the sums of hours per month differ from the time entries (0 by worker and project, 1 by half month, 0 by project)"]);
        conn.execute("UPDATE project_months SET billable_minutes = billable_minutes - 15 WHERE (month, project_key) = (SELECT month, project_key FROM project_months WHERE billable_minutes > 15 LIMIT 1)", []).unwrap();
        assert_eq!(run(conn).unwrap(), ["the sums of hours per month differ from the time entries (0 by worker and project, 1 by half month, 1 by project)"]);
    }

    #[test]
    fn monthly_revenue_out_of_step_with_the_invoices_is_reported() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| crate::demo::create(tx, 7)).unwrap();
        let conn = store.conn();
        conn.execute("UPDATE revenue_months SET amount_cents = amount_cents + 100 WHERE month = '2013-01-01' AND department_key = (SELECT max(department_key) FROM revenue_months WHERE month = '2013-01-01')", []).unwrap();
        assert_eq!(
            run(conn).unwrap(),
            ["the revenue of the month of 2013-01-01 differs from its invoices' lines"]
        );
    }

    #[test]
    fn a_settlement_date_out_of_step_with_the_payments_is_reported() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| crate::demo::create(tx, 7)).unwrap();
        let conn = store.conn();
        conn.execute("UPDATE invoice_settlements SET settled_on = '2012-01-01' WHERE invoice_id = (SELECT max(invoice_id) FROM invoice_settlements)", [])
            .unwrap();
        let problems = run(conn).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("but the aging reads 2012-01-01"),
            "{problems:?}"
        );
    }
}
