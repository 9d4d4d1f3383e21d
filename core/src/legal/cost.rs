//! What a case cost: the expenses linked to it (lawyers, bailiffs, before taxes as the books
//! count them) and the hours worked on it at their cost (salaried at the wage in force plus
//! charges, freelancers at their rate). Hours are linked from the legal committee's entries of a
//! span; each expense and each hour belongs to one case at most. A restricted case's cost shows
//! to every session, as totals: which expenses make it (the lawyers, the bailiffs) is a detail.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{guard, Access};
use crate::error::{Error, Problem, Result};
use crate::finance::expense;
use crate::finance::payroll::{exact_to_cents, wage_in_force};
use crate::money::Cents;
use crate::store::sql::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct CaseCost {
    pub expenses: Cents,
    pub minutes: u64,
    pub hours_cost: Cents,
    pub total: Cents,
    pub expense_lines: Vec<LinkedExpense>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkedExpense {
    pub expense_id: i64,
    pub spent_on: NaiveDate,
    pub supplier: String,
    pub amount: Cents,
}

pub fn link_expense(
    conn: &Connection,
    case_id: i64,
    expense_id: i64,
    access: Access,
) -> Result<()> {
    guard(conn, case_id, access)?;
    expense::get(conn, expense_id)?;
    let taken: Option<i64> = conn
        .query_row(
            "SELECT case_id FROM legal_case_expenses WHERE expense_id = ?1",
            [expense_id],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(other) if other != case_id => Err(Error::Refused(Problem::ExpenseInOtherCase {
            case_id: other,
        })),
        Some(_) => Ok(()),
        None => {
            conn.execute(
                "INSERT INTO legal_case_expenses (expense_id, case_id) VALUES (?1, ?2)",
                params![expense_id, case_id],
            )?;
            super::audit(conn, case_id, "count expense")
        }
    }
}

pub fn unlink_expense(
    conn: &Connection,
    case_id: i64,
    expense_id: i64,
    access: Access,
) -> Result<()> {
    guard(conn, case_id, access)?;
    conn.execute(
        "DELETE FROM legal_case_expenses WHERE expense_id = ?1 AND case_id = ?2",
        params![expense_id, case_id],
    )?;
    super::audit(conn, case_id, "uncount expense")
}

/// Counts in the case the committee's hours from `from` to `to` not already counted in another
/// case; answers how many entries were added.
pub fn link_committee_hours(
    conn: &Connection,
    case_id: i64,
    committee_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    access: Access,
) -> Result<usize> {
    guard(conn, case_id, access)?;
    crate::organisation::committee::get(conn, committee_id)?;
    let added = conn.execute(
        "INSERT INTO legal_case_hours (time_entry_id, case_id)
         SELECT id, ?1 FROM time_entries WHERE committee_id = ?2 AND work_date BETWEEN ?3 AND ?4
         ON CONFLICT (time_entry_id) DO NOTHING",
        params![case_id, committee_id, from, to],
    )?;
    super::audit(conn, case_id, "count hours")?;
    Ok(added)
}

/// The case's cost, over its whole life or the days of `span`; of a restricted case the session
/// did not unlock, the totals without the expenses that make them.
pub fn of_case(
    conn: &Connection,
    case_id: i64,
    span: Option<(NaiveDate, NaiveDate)>,
    access: Access,
) -> Result<CaseCost> {
    let restricted = super::is_restricted(conn, case_id)?;
    let (from, to) = span.unwrap_or(crate::fiscal::ALL_TIME);
    let expense_lines: Vec<LinkedExpense> = conn
        .prepare_cached(
            "SELECT e.id, e.spent_on, e.supplier, e.amount_cents FROM legal_case_expenses l JOIN expenses e ON e.id = l.expense_id
             WHERE l.case_id = ?1 AND e.spent_on BETWEEN ?2 AND ?3 ORDER BY e.spent_on, e.id",
        )?
        .query_map(params![case_id, from, to], |r| {
            Ok(LinkedExpense { expense_id: r.get(0)?, spent_on: r.get(1)?, supplier: r.get(2)?, amount: Cents(r.get(3)?) })
        })?
        .collect::<crate::store::sql::Result<_>>()?;
    let (minutes, exact): (i64, i64) = conn.query_row(
        concat!(
            "SELECT coalesce(sum(e.minutes), 0), coalesce(sum(e.minutes * w.hourly_rate_cents * (10000 + w.employer_charges_bp)), 0)
             FROM legal_case_hours l JOIN time_entries e ON e.id = l.time_entry_id",
            wage_in_force!(),
            "WHERE l.case_id = ?1 AND e.work_date BETWEEN ?2 AND ?3"
        ),
        params![case_id, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let expenses: Cents = expense_lines.iter().map(|e| e.amount).sum();
    let hours_cost = exact_to_cents(i128::from(exact));
    Ok(CaseCost {
        expenses,
        minutes: minutes.max(0) as u64,
        hours_cost,
        total: expenses + hours_cost,
        expense_lines: if access.sees(restricted) {
            expense_lines
        } else {
            vec![]
        },
    })
}
