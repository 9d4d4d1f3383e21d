//! Revenue that is not invoiced: grants (PAPSI's instalments), donations, membership fees, each
//! in a revenue department.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{self, Catalog};
use crate::clock;
use crate::error::{Error, Invalid, OrNotFound, Problem, Result};
use crate::listing::{Cursor, Dated, DatedPage};
use crate::money::Cents;
use crate::store::sql::{params, Connection, Row};
use crate::text::{free_text, required, text_enum};

text_enum! {
    pub enum IncomeKind {
        Grant => "grant",
        Donation => "donation",
        Membership => "membership",
        Other => "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Income {
    pub id: i64,
    pub received_on: NaiveDate,
    pub kind: IncomeKind,
    pub source: String,
    pub department_id: i64,
    pub amount: Cents,
    pub description: String,
    /// For a reversal: the income it voids (its amount negated).
    pub reverses: Option<i64>,
    /// For a voided income: its reversal.
    pub voided_by: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct IncomeInput {
    pub received_on: NaiveDate,
    pub kind: IncomeKind,
    pub source: String,
    pub department_id: i64,
    pub amount: Cents,
    #[serde(default)]
    pub description: String,
}

const MAX_AMOUNT: Cents = Cents(100_000_000);

pub fn create(conn: &Connection, input: &IncomeInput) -> Result<Income> {
    let (source, description) = check(conn, input)?;
    let inserted: i64 = conn.query_row(
        "INSERT INTO other_income (received_on, kind, source, department_id, amount_cents, description, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        params![input.received_on, input.kind, source, input.department_id, input.amount.0, description, clock::now()], |r| r.get(0))?;
    let income = get(conn, inserted)?;
    crate::audit::record(conn, "income", income.id, "create", Some(&income))?;
    Ok(income)
}

fn check(conn: &Connection, input: &IncomeInput) -> Result<(String, String)> {
    let source = required("source", &input.source)?;
    crate::lock::ensure_open(conn, input.received_on)?;
    catalog::get(conn, Catalog::RevenueDepartments, input.department_id)?;
    if input.amount.0 <= 0 || input.amount > MAX_AMOUNT {
        return Err(Invalid::new(
            "amount",
            Problem::AmountRange {
                min: Cents(1).into(),
                max: MAX_AMOUNT.into(),
            },
        )
        .into());
    }
    Ok((source, free_text("description", &input.description)?))
}

/// Corrects an income while its year, and the year it moves to, are open; the audit log keeps
/// it as it was (its previous entry) and as it becomes.
pub fn update(conn: &Connection, id: i64, input: &IncomeInput) -> Result<Income> {
    let before = get(conn, id)?;
    ensure_live(&before)?;
    crate::lock::ensure_open(conn, before.received_on)?;
    let (source, description) = check(conn, input)?;
    conn.execute(
        "UPDATE other_income SET received_on = ?1, kind = ?2, source = ?3, department_id = ?4, amount_cents = ?5, description = ?6 WHERE id = ?7",
        params![input.received_on, input.kind, source, input.department_id, input.amount.0, description, id],
    )?;
    let after = get(conn, id)?;
    crate::audit::record(conn, "income", id, "update", Some(&after))?;
    Ok(after)
}

/// Voids an income recorded by mistake: a reversal on the same day, its amount negated, nets
/// it out of the books and the cashflow; the income stays as it was, marked voided.
pub fn void(conn: &Connection, id: i64, reason: &str) -> Result<Income> {
    let i = get(conn, id)?;
    ensure_live(&i)?;
    crate::lock::ensure_open(conn, i.received_on)?;
    let reason = required("reason", reason)?;
    let reversal: i64 = conn.query_row(
        "INSERT INTO other_income (received_on, kind, source, department_id, amount_cents, description, created_at, reverses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![i.received_on, i.kind, i.source, i.department_id, -i.amount.0, reason, clock::now(), id], |r| r.get(0))?;
    crate::audit::record(
        conn,
        "income",
        reversal,
        "reverse",
        Some(&get(conn, reversal)?),
    )?;
    let voided = get(conn, id)?;
    crate::audit::record(conn, "income", id, "void", Some(&voided))?;
    Ok(voided)
}

fn ensure_live(i: &Income) -> Result<()> {
    match (i.reverses, i.voided_by) {
        (None, None) => Ok(()),
        _ => Err(Error::Refused(Problem::AlreadyVoided {
            date: i.received_on.into(),
            amount: Cents(i.amount.0.abs()).into(),
        })),
    }
}

const SELECT: &str =
    "SELECT id, received_on, kind, source, department_id, amount_cents, description, reverses,
    (SELECT r.id FROM other_income r WHERE r.reverses = other_income.id) FROM other_income";

pub fn get(conn: &Connection, id: i64) -> Result<Income> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .or_not_found("income", id)
}

/// A page of the other income from `from` to `to`, both included, newest first, with the period's
/// count and total.
pub fn page(
    conn: &Connection,
    span: (NaiveDate, NaiveDate),
    after: Option<&Cursor>,
    limit: u32,
) -> Result<DatedPage<Income>> {
    Dated {
        select: SELECT,
        table: "other_income",
        date: "received_on",
        amount: "amount_cents",
        taxes: None,
        only: Vec::new(),
    }
    .fetch(conn, span, after, limit, from_row)
}

fn from_row(r: &Row) -> crate::store::sql::Result<Income> {
    Ok(Income {
        id: r.get(0)?,
        received_on: r.get(1)?,
        kind: r.get(2)?,
        source: r.get(3)?,
        department_id: r.get(4)?,
        amount: Cents(r.get(5)?),
        description: r.get(6)?,
        reverses: r.get(7)?,
        voided_by: r.get(8)?,
    })
}
