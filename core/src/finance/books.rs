//! The books of a span of days: revenue by department (invoices issued net of credit notes,
//! plus grants, donations and fees) and expenses by category (expenses before taxes, plus the
//! payroll computed from the hours). `stats`, the ledger export and the reports read them here,
//! so every figure is computed one way.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::finance::payroll;
use crate::money::Cents;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CodeAmount {
    /// The department's or category's code (`webdev`, `payroll`…).
    pub code: String,
    pub amount: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Books {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every department, in the catalogue's order, zero included.
    pub revenue_by_department: Vec<CodeAmount>,
    pub expenses_by_category: Vec<CodeAmount>,
    pub revenue: Cents,
    pub expenses: Cents,
    pub result: Cents,
    pub grants: Cents,
    pub payroll: Cents,
}

pub fn for_span(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Books> {
    let mut revenue = amounts(conn, "SELECT code, 0 FROM revenue_departments ORDER BY position", params![])?;
    add(&mut revenue, amounts(
        conn,
        "SELECT coalesce(d.code, 'other'), sum(CASE i.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END)
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id LEFT JOIN revenue_departments d ON d.id = l.department_id
         WHERE i.issued_at IS NOT NULL AND i.invoice_date BETWEEN ?1 AND ?2 GROUP BY 1",
        params![from, to],
    )?);
    add(&mut revenue, amounts(
        conn,
        "SELECT d.code, sum(o.amount_cents) FROM other_income o JOIN revenue_departments d ON d.id = o.department_id
         WHERE o.received_on BETWEEN ?1 AND ?2 GROUP BY 1",
        params![from, to],
    )?);
    let mut expenses = amounts(conn, "SELECT code, 0 FROM expense_categories ORDER BY position", params![])?;
    add(&mut expenses, amounts(
        conn,
        "SELECT c.code, sum(e.amount_cents) FROM expenses e JOIN expense_categories c ON c.id = e.category_id
         WHERE e.spent_on BETWEEN ?1 AND ?2 GROUP BY 1",
        params![from, to],
    )?);
    let payroll = payroll::cost(conn, from, to)?;
    add(&mut expenses, vec![CodeAmount { code: "payroll".into(), amount: payroll }]);
    let grants: i64 = conn.query_row(
        "SELECT coalesce(sum(amount_cents), 0) FROM other_income WHERE kind = 'grant' AND received_on BETWEEN ?1 AND ?2",
        params![from, to],
        |r| r.get(0),
    )?;
    let total = |list: &[CodeAmount]| list.iter().map(|c| c.amount).sum::<Cents>();
    let (revenue_total, expenses_total) = (total(&revenue), total(&expenses));
    Ok(Books {
        from,
        to,
        revenue_by_department: revenue,
        expenses_by_category: expenses,
        revenue: revenue_total,
        expenses: expenses_total,
        result: revenue_total - expenses_total,
        grants: Cents(grants),
        payroll,
    })
}

fn amounts(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<CodeAmount>> {
    let rows = conn
        .prepare_cached(sql)?
        .query_map(params, |r| Ok(CodeAmount { code: r.get(0)?, amount: Cents(r.get(1)?) }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn add(into: &mut Vec<CodeAmount>, more: Vec<CodeAmount>) {
    for m in more {
        match into.iter_mut().find(|c| c.code == m.code) {
            Some(c) => c.amount = c.amount + m.amount,
            None => into.push(m),
        }
    }
}
