//! Revenue that is not invoiced: grants (PAPSI's instalments), donations, membership fees, each
//! in a revenue department.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{Invalid, OrNotFound, Result, Rule};
use crate::finance::catalog::{self, Catalog};
use crate::listing::{Cursor, Dated, DatedPage};
use crate::money::Cents;
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

pub fn create(conn: &Connection, input: &IncomeInput) -> Result<Income> {
    let source = required("source", &input.source)?;
    crate::finance::closing::ensure_open(conn, input.received_on)?;
    catalog::get(conn, Catalog::RevenueDepartments, input.department_id)?;
    if input.amount.0 <= 0 || input.amount > Cents(100_000_000) {
        return Err(Invalid::new("amount", Rule::OutOfRange, "an amount received is between 0,01 $ and 1 000 000 $").into());
    }
    conn.execute(
        "INSERT INTO other_income (received_on, kind, source, department_id, amount_cents, description, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![input.received_on, input.kind, source, input.department_id, input.amount.0, free_text("description", &input.description)?, clock::now()],
    )?;
    let income = get(conn, conn.last_insert_rowid())?;
    crate::audit::record(conn, "income", income.id, "create", Some(&income))?;
    Ok(income)
}

const SELECT: &str = "SELECT id, received_on, kind, source, department_id, amount_cents, description FROM other_income";

pub fn get(conn: &Connection, id: i64) -> Result<Income> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row).or_not_found("income", id)
}

/// A page of the other income from `from` to `to`, both included, newest first, with the period's
/// count and total.
pub fn page(conn: &Connection, span: (NaiveDate, NaiveDate), after: Option<&Cursor>, limit: u32) -> Result<DatedPage<Income>> {
    Dated { select: SELECT, table: "other_income", date: "received_on", amount: "amount_cents", only: None }.fetch(conn, span, after, limit, from_row)
}

fn from_row(r: &Row) -> rusqlite::Result<Income> {
    Ok(Income {
        id: r.get(0)?,
        received_on: r.get(1)?,
        kind: r.get(2)?,
        source: r.get(3)?,
        department_id: r.get(4)?,
        amount: Cents(r.get(5)?),
        description: r.get(6)?,
    })
}
