//! The books as a plain-text journal that hledger and ledger both read: balanced double-entry
//! transactions for issued invoices and credit notes, payments, expenses, other income and
//! monthly payroll. Top-level accounts are `assets`, `liabilities`, `revenues` and `expenses`, so
//! both tools classify them; the rest of the names are listed in the README.

use std::io::Write;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use crate::finance::payroll;
use crate::money::Cents;

/// One posting: an account and an amount (positive: debit).
type Posting = (String, i64);

/// Writes every transaction dated from `from` to `to`, both included.
pub fn write(conn: &Connection, from: NaiveDate, to: NaiveDate, out: &mut dyn Write) -> Result<()> {
    let mut w = Journal { out };
    w.line("; Konbit — the books exported for hledger and ledger. Amounts in CAD.")?;
    invoices(conn, from, to, &mut w)?;
    payments(conn, from, to, &mut w)?;
    expenses(conn, from, to, &mut w)?;
    income(conn, from, to, &mut w)?;
    payroll_by_month(conn, from, to, &mut w)?;
    Ok(())
}

/// The first and last day the books hold anything (today twice when they are empty).
pub fn span(conn: &Connection) -> Result<(NaiveDate, NaiveDate)> {
    let (first, last): (Option<NaiveDate>, Option<NaiveDate>) = conn.query_row(
        "SELECT min(d), max(d) FROM (SELECT invoice_date AS d FROM invoices WHERE issued_at IS NOT NULL UNION ALL SELECT received_on FROM payments
         UNION ALL SELECT spent_on FROM expenses UNION ALL SELECT received_on FROM other_income UNION ALL SELECT work_date FROM time_entries)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let today = crate::clock::today();
    Ok((first.unwrap_or(today), last.unwrap_or(today)))
}

struct Journal<'a> {
    out: &'a mut dyn Write,
}

impl Journal<'_> {
    fn line(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{text}")
            .map_err(|e| Error::internal(format_args!("could not write the journal: {e}")))
    }

    fn transaction(
        &mut self,
        date: NaiveDate,
        description: &str,
        postings: &[Posting],
    ) -> Result<()> {
        debug_assert_eq!(
            postings.iter().map(|p| p.1).sum::<i64>(),
            0,
            "{description} does not balance"
        );
        self.line("")?;
        self.line(&format!(
            "{date} * {}",
            description.replace(['\n', ';'], " ")
        ))?;
        for (account, cents) in postings.iter().filter(|p| p.1 != 0) {
            self.line(&format!("    {account:<40}  {} CAD", amount(*cents)))?;
        }
        Ok(())
    }
}

fn amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// An issued invoice or credit note, as the journal needs it.
struct Issued {
    id: i64,
    date: NaiveDate,
    kind: String,
    number: String,
    client: String,
    gst: i64,
    qst: i64,
    total: i64,
}

fn invoices(conn: &Connection, from: NaiveDate, to: NaiveDate, w: &mut Journal) -> Result<()> {
    let rows: Vec<Issued> = conn
        .prepare(
            "SELECT i.id, i.invoice_date, i.kind, i.number, c.name, i.gst_cents, i.qst_cents, i.total_cents FROM invoices i
             JOIN clients c ON c.id = i.client_id WHERE i.issued_at IS NOT NULL AND i.invoice_date BETWEEN ?1 AND ?2
             ORDER BY i.invoice_date, i.kind, i.sequence",
        )?
        .query_map(params![from, to], |r| {
            Ok(Issued {
                id: r.get(0)?,
                date: r.get(1)?,
                kind: r.get(2)?,
                number: r.get(3)?,
                client: r.get(4)?,
                gst: r.get(5)?,
                qst: r.get(6)?,
                total: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_department = conn.prepare_cached(
        "SELECT coalesce(d.code, 'other'), sum(l.amount_cents) FROM invoice_lines l LEFT JOIN revenue_departments d ON d.id = l.department_id
         WHERE l.invoice_id = ?1 GROUP BY 1 ORDER BY 1",
    )?;
    for Issued {
        id,
        date,
        kind,
        number,
        client,
        gst,
        qst,
        total,
    } in rows
    {
        let sign = if kind == "invoice" { 1 } else { -1 };
        let mut postings: Vec<Posting> = vec![("assets:receivables".into(), sign * total)];
        for dept in
            by_department.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        {
            let (code, cents) = dept?;
            postings.push((format!("revenues:{code}"), -sign * cents));
        }
        postings.push(("liabilities:gst".into(), -sign * gst));
        postings.push(("liabilities:qst".into(), -sign * qst));
        let what = if kind == "invoice" {
            "Facture"
        } else {
            "Note de crédit"
        };
        w.transaction(date, &format!("{what} {number} — {client}"), &postings)?;
    }
    Ok(())
}

fn payments(conn: &Connection, from: NaiveDate, to: NaiveDate, w: &mut Journal) -> Result<()> {
    let rows: Vec<(NaiveDate, String, String, i64, i64)> = conn
        .prepare(
            "SELECT p.received_on, c.name, p.method, p.amount_cents,
                    (SELECT coalesce(sum(a.amount_cents), 0) FROM payment_allocations a WHERE a.payment_id = p.id)
             FROM payments p JOIN clients c ON c.id = p.client_id WHERE p.received_on BETWEEN ?1 AND ?2 ORDER BY p.received_on, p.id",
        )?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (date, client, method, amount, allocated) in rows {
        let account = if method == "barter" {
            "assets:barter"
        } else {
            "assets:bank"
        };
        let postings = [
            (account.to_string(), amount),
            ("assets:receivables".into(), -allocated),
            ("liabilities:client-credit".into(), allocated - amount),
        ];
        w.transaction(date, &format!("Paiement — {client} ({method})"), &postings)?;
    }
    Ok(())
}

fn expenses(conn: &Connection, from: NaiveDate, to: NaiveDate, w: &mut Journal) -> Result<()> {
    let rows: Vec<(NaiveDate, String, String, i64, i64, i64)> = conn
        .prepare(
            "SELECT e.spent_on, e.supplier, c.code, e.amount_cents, e.gst_cents, e.qst_cents FROM expenses e
             JOIN expense_categories c ON c.id = e.category_id WHERE e.spent_on BETWEEN ?1 AND ?2 ORDER BY e.spent_on, e.id",
        )?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (date, supplier, category, amount, gst, qst) in rows {
        let postings = [
            (format!("expenses:{category}"), amount),
            ("assets:tax-credits:gst".into(), gst),
            ("assets:tax-credits:qst".into(), qst),
            ("assets:bank".into(), -(amount + gst + qst)),
        ];
        w.transaction(date, &format!("Dépense — {supplier}"), &postings)?;
    }
    Ok(())
}

fn income(conn: &Connection, from: NaiveDate, to: NaiveDate, w: &mut Journal) -> Result<()> {
    let rows: Vec<(NaiveDate, String, String, i64)> = conn
        .prepare(
            "SELECT o.received_on, o.source, d.code, o.amount_cents FROM other_income o JOIN revenue_departments d ON d.id = o.department_id
             WHERE o.received_on BETWEEN ?1 AND ?2 ORDER BY o.received_on, o.id",
        )?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (date, source, department, amount) in rows {
        w.transaction(
            date,
            &format!("Revenu — {source}"),
            &[
                ("assets:bank".into(), amount),
                (format!("revenues:{department}"), -amount),
            ],
        )?;
    }
    Ok(())
}

/// Payroll as one transaction per month, dated its last day (or `to`), so that its sum over
/// each fiscal year is that year's payroll in the books to the cent, however many years the
/// journal holds: months are computed exactly and rounded once each, then each year's rounding
/// difference goes on its last month.
fn payroll_by_month(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    w: &mut Journal,
) -> Result<()> {
    let start_month = crate::organisation::settings::require(conn)?.fiscal_year_start_month;
    let mut year = crate::fiscal::FiscalYear::containing(from, start_month);
    while year.start() <= to {
        payroll_of_year(conn, from.max(year.start()), to.min(year.end()), w)?;
        year = year.next();
    }
    Ok(())
}

fn payroll_of_year(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    w: &mut Journal,
) -> Result<()> {
    let mut months = Vec::new();
    let mut start = from;
    while start <= to {
        let next = start
            .with_day(1)
            .and_then(|d| d.checked_add_months(Months::new(1)))
            .unwrap_or(to);
        let end = next.pred_opt().unwrap_or(to).min(to);
        months.push((start, end));
        match end.succ_opt() {
            Some(day) if end < to => start = day,
            _ => break,
        }
    }
    // The months, then the whole year: its last month takes the rounding difference.
    let mut periods = months.clone();
    periods.push((from, to));
    let costs = payroll::cost_by_period(conn, &periods)?;
    let total = costs.last().copied().unwrap_or(Cents(0));
    let mut written = Cents(0);
    for (i, ((_, end), cost)) in months.iter().zip(&costs).enumerate() {
        let cost = if i + 1 == months.len() {
            total - written
        } else {
            *cost
        };
        written = written + cost;
        if cost.0 != 0 {
            w.transaction(
                *end,
                &format!("Salaires — {} {}", crate::Lang::Fr.month(*end), end.year()),
                &[
                    ("expenses:payroll".into(), cost.0),
                    ("assets:bank".into(), -cost.0),
                ],
            )?;
        }
    }
    Ok(())
}
